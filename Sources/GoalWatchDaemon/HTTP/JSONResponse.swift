import Foundation
import Hummingbird
import NIOCore

/// Responses whose body is JSON as ``JSONText`` writes it.
enum JSONResponse {
    /// `object` (dictionaries, arrays, strings, finite numbers, `NSNull`) with `status`.
    static func make(_ object: Any, status: HTTPResponse.Status = .ok) -> Response {
        guard let data = try? JSONText.data(object) else {
            return response(Data(#"{"error":"the response could not be encoded as JSON","status":"error"}"#.utf8), status: .internalServerError)
        }
        return response(data, status: status)
    }

    private static func response(_ data: Data, status: HTTPResponse.Status) -> Response {
        Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}
