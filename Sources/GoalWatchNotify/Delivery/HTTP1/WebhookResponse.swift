import NIOHTTP1

/// A receiver's answer to one request: its status and headers. The body is read and dropped.
struct WebhookResponse: Sendable {
    /// The status, e.g. 200 or 503.
    var status: HTTPResponseStatus
    /// The response's headers (`Retry-After` is the one that matters).
    var headers: HTTPHeaders
    /// Whether the connection can carry another request (HTTP/1.1 without `Connection: close`).
    var keepAlive: Bool
}

/// How a request failed before a response arrived.
enum WebhookRequestError: Error, Equatable {
    /// No complete response within the receiver's `timeout`.
    case timedOut
    /// The receiver closed the connection; `beforeResponse` when not a byte of the response had come.
    case connectionClosed(beforeResponse: Bool)
}
