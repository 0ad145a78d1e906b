import GoalWatchCore

/// A delivery outcome worth telling the operator about (each becomes a journald entry).
public enum DeliveryEvent: Sendable {
    /// The receiver accepted the notification at attempt `attempt`.
    case notified(Notification, attempt: Int)
    /// An attempt failed; another follows at `nextAttemptAt`.
    case failed(Notification, attempt: Int, reason: String, nextAttemptAt: Timestamp)
    /// The notification was given up and moved to the dead letters.
    case deadLettered(Notification, attempts: Int, reason: String)
}
