import GoalWatchCore

/// Sends one notification to its receiver, once. Implementations never put secrets (URLs with tokens,
/// keys) in the reasons they return.
public protocol DeliveryTransport: Sendable {
    /// The names of the receivers it can deliver to.
    var receiverNames: [String] { get }
    /// The receiver's delivery settings (concurrency, timeout, `max_age`).
    func settings(for receiver: String) -> DeliverySettings?
    /// Makes one attempt; `attempt` counts from 1.
    func deliver(_ notification: Notification, attempt: Int) async -> AttemptResult
}
