import GoalWatchCore

/// A delivery outcome of one notification, as the outbox worker reports it (each becomes a journald
/// entry; `goalwatch notify` prints them).
public struct DeliveryEvent: Sendable, Hashable {
    /// The notification.
    public var notification: Notification
    /// What became of it.
    public var outcome: DeliveryOutcome
    /// When the next attempt is made, after a failure that will be retried.
    public var nextAttemptAt: Timestamp?

    /// Creates an event.
    public init(notification: Notification, outcome: DeliveryOutcome, nextAttemptAt: Timestamp? = nil) {
        self.notification = notification
        self.outcome = outcome
        self.nextAttemptAt = nextAttemptAt
    }
}
