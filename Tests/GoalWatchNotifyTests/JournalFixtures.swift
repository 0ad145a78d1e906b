import GoalWatchCore

@testable import GoalWatchNotify

/// Alert transitions and notifications for the journal tests.
enum JournalFixtures {
    static let at = Timestamp(milliseconds: 1_795_867_200_000)

    static func transition(
        _ kind: AlertEvent.Kind,
        labels: [String: String],
        value: Double = 0.42,
        annotations: [String: String] = [:],
        origin: AlertOrigin = .rule(group: "pace", rule: "FollowersBehindPace")
    ) -> AlertTransition {
        AlertTransition(
            event: AlertEvent(kind: kind, labels: Labels(labels), value: value, activeSince: at, at: at),
            annotations: annotations, origin: origin)
    }

    static func alert(
        _ labels: [String: String], status: Notification.Status = .firing, value: Double = 0.42,
        goal: NotifiedGoal? = nil
    ) -> NotifiedAlert {
        NotifiedAlert(
            status: status, labels: labels, annotations: ["summary": "behind pace"], startsAt: at, value: value,
            fingerprint: String(Labels(labels).fingerprint, radix: 16), goal: goal)
    }

    static func notification(_ alerts: [NotifiedAlert], receiver: String = "care-slack") -> Notification {
        Notification(
            id: "5f0c7c2e-8d1a-4f55-9a7e-0c1d2e3f4a5b", receiver: receiver,
            groupKey: "{}/{team=\"care\"}:{alertname=\"FollowersBehindPace\"}",
            groupLabels: ["alertname": "FollowersBehindPace"],
            status: alerts.contains { $0.status == .firing } ? .firing : .resolved,
            reason: .firstNotification, alerts: alerts, createdAt: at)
    }
}
