import Foundation
import HTTPTypes
import Hummingbird

/// A request the API refuses, answered as JSON: `{"status": "error", "error": "<message>"}`, plus any
/// `details` (a snapshot's line and column, every error of a refused reload).
///
/// Messages say what was wrong and what to do; they never contain a secret.
struct APIError: Error, HTTPResponseError {
    var status: HTTPResponse.Status
    var message: String
    var details: [String: any Sendable] = [:]
    var headers: HTTPFields = [:]

    func response(from request: Request, context: some RequestContext) throws -> Response {
        response()
    }

    /// The JSON response.
    func response() -> Response {
        var object: [String: Any] = details
        object["status"] = "error"
        object["error"] = message
        var response = JSONResponse.make(object, status: status)
        response.headers.append(contentsOf: headers)
        return response
    }
}

extension APIError {
    /// The answer to a request body over `limit` bytes.
    static func bodyTooLarge(limit: Int) -> APIError {
        APIError(status: .contentTooLarge, message: "the request body is larger than \(limit) bytes (http.max_body)")
    }
}
