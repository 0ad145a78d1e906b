import Hummingbird
import NIOCore

/// Reads request bodies within `http.max_body`.
enum RequestBodyReader {
    /// The body's bytes.
    ///
    /// - Throws: ``APIError`` 413 when the body is, or says it is (`Content-Length`), over `limit` bytes;
    ///   nothing more of it is read then.
    static func bytes(of request: Request, limit: Int) async throws -> [UInt8] {
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > limit {
            throw APIError.bodyTooLarge(limit: limit)
        }
        do {
            return Array(try await request.body.collect(upTo: limit).readableBytesView)
        } catch is NIOTooManyBytesError {
            throw APIError.bodyTooLarge(limit: limit)
        }
    }
}
