import GoalWatchCore
import GoalWatchStore

/// Whether a group's current alerts call for a notification to a receiver, given what the receiver was
/// last told (Alertmanager's deduplication stage), and why.
enum NotificationDecision {
    /// The reason to notify, or `nil` when the receiver already knows everything that matters.
    ///
    /// - Parameters:
    ///   - firing: fingerprints of the group's firing alerts (after silences and inhibition).
    ///   - resolved: fingerprints of its resolved alerts.
    ///   - last: what the receiver was last told about this group, if anything.
    ///   - sendResolved: whether the receiver wants resolved notifications.
    ///   - repeatInterval: how long an unchanged firing group waits before it is notified again.
    static func reason(
        firing: Set<String>, resolved: Set<String>, last: NotificationLogEntry?, sendResolved: Bool,
        repeatInterval: TimeSpan, now: Timestamp
    ) -> Notification.Reason? {
        guard let last else {
            // Nothing was ever said: only firing alerts are news; a group that is already all resolved
            // stays quiet.
            return firing.isEmpty ? nil : .firstNotification
        }
        if !firing.isSubset(of: last.firing) { return .newAlertsAdded }
        if firing.isEmpty {
            // Everything resolved: tell the receiver once if it had been told that something fired.
            return last.firing.isEmpty ? nil : .allAlertsResolved
        }
        if sendResolved && !resolved.isSubset(of: last.resolved) { return .someAlertsResolved }
        if last.notifiedAt + repeatInterval <= now { return .repeatIntervalElapsed }
        return nil
    }
}
