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
    /// Starts one attempt and returns at once; `completion` is called exactly once with its result, on
    /// any thread. Cancelling the returned attempt ends it soon (its result is then a retry).
    ///
    /// The outbox worker starts its attempts this way: no task waits for each of them, and the results
    /// of many attempts reach the worker together.
    func start(_ notification: Notification, attempt: Int, completion: @escaping @Sendable (AttemptResult) -> Void) -> DeliveryAttempt
}

extension DeliveryTransport {
    /// Runs ``deliver(_:attempt:)`` in a task of its own.
    public func start(_ notification: Notification, attempt: Int, completion: @escaping @Sendable (AttemptResult) -> Void) -> DeliveryAttempt {
        let task = Task { completion(await deliver(notification, attempt: attempt)) }
        return DeliveryAttempt { task.cancel() }
    }
}

/// An attempt under way, to cancel.
public struct DeliveryAttempt: Sendable {
    private let cancelling: @Sendable () -> Void

    /// An attempt that `cancel` ends.
    public init(cancel: @escaping @Sendable () -> Void) {
        cancelling = cancel
    }

    /// Ends the attempt soon; its completion is still called.
    public func cancel() {
        cancelling()
    }
}
