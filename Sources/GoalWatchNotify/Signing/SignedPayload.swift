import GoalWatchCore

/// A body from another renderer, with ``WebhookSignature``'s headers added: the generic webhook with a
/// `secret_file`.
public struct SignedPayload<Base: PayloadRenderer>: PayloadRenderer {
    /// The renderer whose body is signed.
    public let base: Base
    /// The signature.
    public let signature: WebhookSignature

    /// Signs `base`'s bodies with `signature`.
    public init(_ base: Base, signature: WebhookSignature) {
        self.base = base
        self.signature = signature
    }

    /// `base`'s body with the timestamp and signature headers for `now`.
    public func render(_ notification: Notification, at now: Timestamp) throws(PayloadError) -> RenderedBody {
        var body = try base.render(notification, at: now)
        body.headers += signature.headers(for: body.bytes, at: now)
        return body
    }
}
