import GoalWatchCore

/// What one delivery attempt came to.
public enum DeliveryOutcome: Sendable, Hashable {
    /// The receiver accepted it (HTTP 2xx).
    case delivered
    /// A failure worth retrying (5xx, 429, a network error, a timeout); `retryAfter` when the receiver
    /// said how long to wait.
    case retry(reason: String, retryAfter: TimeSpan?)
    /// A permanent refusal (another 4xx, a payload that cannot be rendered): retrying would not help.
    case refused(reason: String)
}

/// Sends one notification to its receiver, once. Implementations never put secrets (URLs with tokens,
/// keys) in the reasons they return.
public protocol DeliveryTransport: Sendable {
    /// The names of the receivers it can deliver to.
    var receiverNames: [String] { get }
    /// The receiver's delivery settings (concurrency, timeout, `max_age`).
    func settings(for receiver: String) -> DeliverySettings?
    /// Makes one attempt; `attempt` counts from 1.
    func deliver(_ notification: Notification, attempt: Int) async -> DeliveryOutcome
}
