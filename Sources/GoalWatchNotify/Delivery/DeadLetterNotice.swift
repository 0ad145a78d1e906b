import Foundation
import GoalWatchCore
import GoalWatchStore

/// The notice a route's `fallback_receiver` gets when a notification is given up: a delivery failure is
/// itself an alert (`GoalWatchDeliveryFailed`).
enum DeadLetterNotice {
    /// The outbox entry of the notice about `notification`, which was given up because of `reason`.
    static func entry(for notification: Notification, reason: String, fallback: String, id: String, at now: Timestamp) -> OutboxEntry {
        let labels = [
            "alertname": "GoalWatchDeliveryFailed",
            "receiver": notification.receiver,
            "severity": "critical",
        ]
        let alert = NotifiedAlert(
            status: .firing, labels: labels,
            annotations: [
                "summary": "A notification to \(notification.receiver) was given up",
                "description": "Group \(notification.groupKey), \(notification.alerts.count) alert(s): \(reason)",
            ],
            startsAt: now, value: Double(notification.alerts.count), fingerprint: RoutedAlert.fingerprint(of: labels))
        let notice = Notification(
            id: id, receiver: fallback, groupKey: "{}:{alertname=\"GoalWatchDeliveryFailed\"}",
            groupLabels: ["alertname": "GoalWatchDeliveryFailed"], status: .firing, reason: .firstNotification,
            alerts: [alert], createdAt: now, externalURL: notification.externalURL)
        let body = (try? StoredJSON.encode(notice)) ?? "{}"
        // A notice is not itself given a fallback: a failing fallback must not cascade.
        return OutboxEntry(id: id, receiver: fallback, body: body, createdAt: now)
    }
}
