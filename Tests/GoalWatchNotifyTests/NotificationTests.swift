import Foundation
import GoalWatchCore
import Testing

@testable import GoalWatchNotify

@Suite struct NotificationTests {
    private func alert(_ labels: [String: String], annotations: [String: String] = [:], status: Notification.Status = .firing) -> NotifiedAlert {
        NotifiedAlert(
            status: status, labels: labels, annotations: annotations,
            startsAt: Timestamp(milliseconds: 0), value: 1, fingerprint: "0000000000000001")
    }

    @Test func commonLabelsAreThoseEveryAlertSharesWithTheSameValue() {
        let notification = Notification(
            id: "n1", receiver: "oncall", groupKey: "{}:{}", groupLabels: [:], status: .firing,
            reason: .firstNotification,
            alerts: [
                alert(["alertname": "A", "team": "care", "network": "x"], annotations: ["summary": "s", "runbook": "r"]),
                alert(["alertname": "A", "team": "care", "network": "y"], annotations: ["summary": "t", "runbook": "r"], status: .resolved),
            ],
            createdAt: Timestamp(milliseconds: 0))
        #expect(notification.commonLabels == ["alertname": "A", "team": "care"])
        #expect(notification.commonAnnotations == ["runbook": "r"])
        #expect(notification.firingAlerts.map { $0.labels["network"] } == ["x"])
        #expect(notification.resolvedAlerts.map { $0.labels["network"] } == ["y"])
    }

    @Test func aNotificationWithoutAlertsHasNoCommonLabels() {
        let notification = Notification(
            id: "n1", receiver: "oncall", groupKey: "{}:{}", groupLabels: [:], status: .resolved,
            reason: .allAlertsResolved, alerts: [], createdAt: Timestamp(milliseconds: 0))
        #expect(notification.commonLabels.isEmpty)
    }
}

/// Notification ids: random version 4 UUIDs in lowercase, never the same twice.
@Suite struct NotificationIDTests {
    @Test func idsAreLowercaseVersion4UUIDsAndUnique() throws {
        // More ids than one draw of random bytes holds, so refills are crossed.
        let ids = (0..<10_000).map { _ in NotificationID.make() }
        #expect(Set(ids).count == ids.count)
        for id in ids.prefix(600) {
            let parsed = try #require(UUID(uuidString: id), "\(id)")
            #expect(parsed.uuidString.lowercased() == id)
            let bytes = Array(id.utf8)
            #expect(bytes[14] == UInt8(ascii: "4"))
            #expect([UInt8(ascii: "8"), UInt8(ascii: "9"), UInt8(ascii: "a"), UInt8(ascii: "b")].contains(bytes[19]))
        }
    }
}
