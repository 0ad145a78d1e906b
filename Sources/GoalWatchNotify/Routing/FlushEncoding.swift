import GoalWatchCore
import GoalWatchStore

/// Turns a chunk of a flush into what the store writes for it: a notification for each group that calls
/// for one, as its outbox entry, and the groups' notification-log entries. The router encodes a chunk
/// while the chunk before it is being written.
struct FlushEncoding: Sendable {
    /// A chunk ready to be written, and the notifications it holds.
    struct Chunk: Sendable {
        var change: AlertingChange
        var notifications: [Notification]
    }

    let makeID: @Sendable () -> String
    let externalURL: String?
    /// The flush's instant: the notifications' and entries' creation time.
    let at: Timestamp

    /// The change that writes `flushes`, and their notifications in the same order.
    ///
    /// - Throws: when a notification cannot be encoded for the outbox.
    func encode(_ flushes: [Dispatcher.Flush]) throws -> Chunk {
        var change = AlertingChange()
        var notifications: [Notification] = []
        for flush in flushes {
            guard let reason = flush.reason, let entry = flush.logEntry else { continue }
            change.logEntries.append(entry)
            guard !flush.alerts.isEmpty else { continue }
            let notification = Notification(
                id: makeID(), receiver: flush.receiver, groupKey: flush.groupKey, groupLabels: flush.groupLabels,
                status: flush.alerts.contains { !$0.isResolved } ? .firing : .resolved, reason: reason,
                alerts: flush.alerts.map(\.notified), createdAt: at, externalURL: externalURL)
            change.notifications.append(OutboxEntry(
                id: notification.id, receiver: flush.receiver, fallbackReceiver: flush.fallbackReceiver,
                body: try StoredJSON.text(notification), createdAt: at))
            notifications.append(notification)
        }
        return Chunk(change: change, notifications: notifications)
    }
}
