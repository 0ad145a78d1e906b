import GoalWatchCore

/// Turns a ``Notification`` into the body of the HTTP request that delivers it to one kind of receiver.
///
/// Renderers are pure: no I/O, no clock. The delivery worker renders again at every attempt and passes
/// the attempt's time, which only the signature timestamp and Alertmanager's `endsAt` lease depend on;
/// everything else in a body is the same at every attempt.
public protocol PayloadRenderer: Sendable {
    /// The request body, its content type and any headers the format adds.
    /// - Parameters:
    ///   - notification: What to send.
    ///   - now: The time of the delivery attempt.
    /// - Throws: ``PayloadError`` when the body cannot be made (a custom template that fails).
    func render(_ notification: Notification, at now: Timestamp) throws(PayloadError) -> RenderedBody
}

/// A rendered request body.
public struct RenderedBody: Sendable {
    /// The `Content-Type` header's value.
    public var contentType: String
    /// The body.
    public var bytes: [UInt8]
    /// Headers the format adds (name, value), such as a signature; never the content type.
    public var headers: [(String, String)]

    /// Creates a body.
    public init(contentType: String, bytes: [UInt8], headers: [(String, String)] = []) {
        self.contentType = contentType
        self.bytes = bytes
        self.headers = headers
    }

    /// The value of the first header named `name` (compared without regard to case).
    public func header(_ name: String) -> String? {
        headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }

    /// A JSON body.
    static func json(_ value: JSONValue) -> RenderedBody {
        RenderedBody(contentType: "application/json", bytes: JSONWriter.bytes(value))
    }
}
