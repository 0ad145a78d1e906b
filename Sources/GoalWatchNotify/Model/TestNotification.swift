import Foundation
import GoalWatchCore

/// The notification `goalwatch notify` sends: one firing alert named `GoalWatchTest`.
public enum TestNotification {
    /// A test notification for `receiver`, made at `now`.
    public static func make(receiver: String, at now: Timestamp, id: String = NotificationID.make()) -> Notification {
        let labels = ["alertname": "GoalWatchTest", "severity": "info"]
        let alert = NotifiedAlert(
            status: .firing, labels: labels,
            annotations: [
                "summary": "GoalWatch test notification",
                "description": "Sent by `goalwatch notify` to check that \(receiver) receives GoalWatch's alerts.",
            ],
            startsAt: now, value: 1, fingerprint: RoutedAlert.fingerprint(of: labels))
        return Notification(
            id: id, receiver: receiver, groupKey: "{}:{alertname=\"GoalWatchTest\"}", groupLabels: ["alertname": "GoalWatchTest"],
            status: .firing, reason: .test, alerts: [alert], createdAt: now)
    }
}
