import Foundation
import GoalWatchCore
import GoalWatchStore
import Testing

@testable import GoalWatchNotify

/// The `alertmanager` receiver delivering through the outbox to a real Alertmanager.
@Suite(.enabled(if: RealAlertmanager.isInstalled, RealAlertmanager.missing))
struct AlertmanagerReceiverTests {
    @Test func firingAndResolvedAlertsArriveInAlertmanagerWithTheirLabels() async throws {
        let alertmanager = try RealAlertmanager(configuration: "route: {receiver: blackhole}\nreceivers: [{name: blackhole}]\n")
        defer { alertmanager.stop() }
        let folder = try TemporaryStoreFolder()
        let store = try MetricStore(path: folder.path("goalwatch.sqlite"))
        let receiver = ReceiverConfiguration(
            name: "am", kind: .alertmanager(AlertmanagerReceiver(urls: [.plain(alertmanager.base + "/")])))
        let (_, task, _) = try startWorker(store: store, receivers: [receiver])
        defer { task.cancel() }

        let now = Timestamp(unixSeconds: Date().timeIntervalSince1970)
        var notification = testNotification("am-1", receiver: "am", at: now - .minutes(5))
        notification.alerts[0].annotations["summary"] = "Instagram followers behind pace"
        try enqueue(notification, in: store)
        try await eventually("the alert is delivered") { try store.outboxDepth() == 0 }
        let held = try alertmanager.alerts()
        try #require(held.count == 1)
        let labels = held[0]["labels"] as? [String: String]
        #expect(labels == ["alertname": "FollowersBehindPace", "goal": "ig-followers", "severity": "warning"])
        #expect((held[0]["annotations"] as? [String: String])?["summary"] == "Instagram followers behind pace")
        #expect((held[0]["status"] as? [String: Any])?["state"] as? String == "active")

        // The resolution ends the alert in Alertmanager: it no longer lists it as active.
        var resolved = notification
        resolved.id = "am-2"
        resolved.status = .resolved
        resolved.alerts[0].status = .resolved
        resolved.alerts[0].endsAt = now - .seconds(1)
        try enqueue(resolved, in: store)
        try await eventually("the resolution is delivered") { try store.outboxDepth() == 0 }
        try await eventually("Alertmanager no longer holds an active alert") {
            try alertmanager.alerts().allSatisfy { ($0["status"] as? [String: Any])?["state"] as? String != "active" }
        }
    }
}
