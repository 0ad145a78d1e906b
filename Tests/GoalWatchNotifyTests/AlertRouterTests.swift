import Foundation
import GoalWatchCore
import GoalWatchStore
import NIOConcurrencyHelpers
import Testing

@testable import GoalWatchNotify

/// The router on a real store: what it writes, and what a new router on the same file picks up.
@Suite struct AlertRouterTests {
    private let alerting = AlertingConfiguration(
        route: AlertRoute(receiver: "oncall", groupBy: .labels(["alertname"]), groupWait: .seconds(30), groupInterval: .minutes(5)))
    private let receivers = [ReceiverConfiguration(name: "oncall", kind: .webhook(WebhookReceiver(url: .plain("http://127.0.0.1:1/hook"))))]

    private func transition(_ kind: AlertEvent.Kind, _ account: String, at seconds: Int64, since: Int64 = 0) -> AlertTransition {
        let labels = Labels(["alertname": "BehindPace", "account": account, "severity": "warning"])
        return AlertTransition(
            event: AlertEvent(kind: kind, labels: labels, value: 0.4, activeSince: at(since), at: at(seconds)),
            annotations: ["summary": "\(account) is behind"], origin: .rule(group: "g", rule: "BehindPace"))
    }

    private func active(_ account: String, phase: AlertInstance.Phase, since: Int64) -> ActiveAlert {
        let labels = Labels(["alertname": "BehindPace", "account": account, "severity": "warning"])
        return ActiveAlert(
            instance: AlertInstance(labels: labels, phase: phase, activeSince: at(since), firingSince: phase == .firing ? at(since) : nil, value: 0.4),
            annotations: [:], origin: .rule(group: "g", rule: "BehindPace"), seriesLabels: Labels(["account": account]))
    }

    private func cycle(_ transitions: [AlertTransition]) -> EvaluationCycle {
        var cycle = EvaluationCycle()
        cycle.transitions = transitions
        return cycle
    }

    private func notifications(_ store: MetricStore) throws -> [GoalWatchNotify.Notification] {
        try store.outboxEntries().map { try StoredJSON.decode(GoalWatchNotify.Notification.self, from: $0.body) }
    }

    @Test func aFiringTransitionBecomesOneOutboxEntryAfterGroupWait() async throws {
        let folder = try TemporaryStoreFolder()
        let store = try MetricStore(path: folder.path("goalwatch.sqlite"))
        let router = try AlertRouter(store: store, alerting: alerting, receivers: receivers, now: at(0))
        try await router.record(cycle([transition(.firing, "a", at: 0)]), active: [active("a", phase: .firing, since: 0)], at: at(0))
        #expect(try store.alertStates().count == 1)
        #expect(try await router.flush(at: at(29)).isEmpty)
        #expect(await router.nextDeadline == at(30))
        let sent = try await router.flush(at: at(30))
        #expect(sent.map(\.receiver) == ["oncall"])
        let notification = try #require(try notifications(store).first)
        #expect(notification.reason == .firstNotification && notification.status == .firing)
        #expect(notification.alerts.map(\.annotations) == [["summary": "a is behind"]])
        #expect(try store.notificationLog().count == 1)
    }

    @Test func aFlushHandsOverItsNotificationsOnceTheyAreInTheOutbox() async throws {
        let folder = try TemporaryStoreFolder()
        let store = try MetricStore(path: folder.path("goalwatch.sqlite"))
        // Each call: the notifications handed over, and the ids in the outbox at that moment.
        let handed = NIOLockedValueBox<[([GoalWatchNotify.Notification], [String])]>([])
        let router = try AlertRouter(
            store: store, alerting: alerting, receivers: receivers, now: at(0),
            onNotifications: { notifications in
                let stored = (try? store.outboxEntries().map(\.id)) ?? []
                handed.withLockedValue { $0.append((notifications, stored)) }
            })
        try await router.record(cycle([transition(.firing, "a", at: 0)]), active: [active("a", phase: .firing, since: 0)], at: at(0))
        #expect(try await router.flush(at: at(29)).isEmpty)
        #expect(handed.withLockedValue { $0 }.isEmpty)
        let sent = try await router.flush(at: at(30))
        let calls = handed.withLockedValue { $0 }
        #expect(calls.count == 1)
        #expect(calls.first?.1 == sent.map(\.id))
        // What is handed over is what the outbox holds.
        #expect(calls.first?.0 == (try notifications(store)))
    }

    @Test func aBurstIsWrittenAndHandedOverInChunksEachAlreadyInTheOutbox() async throws {
        let folder = try TemporaryStoreFolder()
        let store = try MetricStore(path: folder.path("goalwatch.sqlite"))
        let handed = NIOLockedValueBox<[(count: Int, stored: Int)]>([])
        // One group per account, so a burst of accounts is as many groups.
        let perAccount = AlertingConfiguration(
            route: AlertRoute(receiver: "oncall", groupBy: .labels(["account"]), groupWait: .seconds(30), groupInterval: .minutes(5)))
        let router = try AlertRouter(
            store: store, alerting: perAccount, receivers: receivers, now: at(0),
            onNotifications: { notifications in
                let stored = (try? store.outboxDepth()) ?? -1
                handed.withLockedValue { $0.append((notifications.count, stored)) }
            })
        let accounts = (0..<(2 * AlertRouter.flushChunk + 7)).map { "a\($0)" }
        try await router.record(
            cycle(accounts.map { transition(.firing, $0, at: 0) }), active: accounts.map { active($0, phase: .firing, since: 0) }, at: at(0))
        let sent = try await router.flush(at: at(30))
        #expect(sent.count == accounts.count)
        let calls = handed.withLockedValue { $0 }
        #expect(calls.map(\.count) == [AlertRouter.flushChunk, AlertRouter.flushChunk, 7])
        // Each chunk was committed before it was handed over; the later ones were not written yet.
        #expect(calls.map(\.stored) == [AlertRouter.flushChunk, 2 * AlertRouter.flushChunk, accounts.count])
        #expect(try store.notificationLog().count == accounts.count)
    }

    @Test func aRestartNeitherRepeatsNorForgets() async throws {
        let folder = try TemporaryStoreFolder()
        let path = folder.path("goalwatch.sqlite")
        do {
            let store = try MetricStore(path: path)
            let router = try AlertRouter(store: store, alerting: alerting, receivers: receivers, now: at(0))
            try await router.record(
                cycle([transition(.firing, "a", at: 0), transition(.pending, "b", at: 0)]),
                active: [active("a", phase: .firing, since: 0), active("b", phase: .pending, since: 0)], at: at(0))
            try await router.flush(at: at(30))
            try await router.record(cycle([transition(.resolved, "a", at: 60)]), active: [active("b", phase: .pending, since: 0)], at: at(60))
        }
        // A new process on the same file: the pending alert comes back for the engine, the notified
        // firing is not sent again, the resolution not yet told is told at the next tick.
        let store = try MetricStore(path: path)
        let router = try AlertRouter(store: store, alerting: alerting, receivers: receivers, now: at(90))
        let restored = try await router.restoredEngineAlerts()
        #expect(restored.map(\.instance.phase) == [.pending])
        #expect(restored.first?.instance.activeSince == at(0))
        try await router.flush(at: at(120))
        let sent = try notifications(store)
        #expect(sent.map(\.reason) == [.firstNotification, .allAlertsResolved])
        #expect(sent.last?.alerts.map(\.status) == [.resolved])
        #expect(try store.routerAlerts().isEmpty)
    }

    @Test func theLogForgetsGroupsLastToldAllResolvedBeforeTheCutoff() async throws {
        let folder = try TemporaryStoreFolder()
        let store = try MetricStore(path: folder.path("goalwatch.sqlite"))
        let perAccount = AlertingConfiguration(
            route: AlertRoute(receiver: "oncall", groupBy: .labels(["account"]), groupWait: .seconds(30), groupInterval: .minutes(5)))
        let router = try AlertRouter(store: store, alerting: perAccount, receivers: receivers, now: at(0))
        try await router.record(
            cycle([transition(.firing, "a", at: 0), transition(.firing, "b", at: 0)]),
            active: [active("a", phase: .firing, since: 0), active("b", phase: .firing, since: 0)], at: at(0))
        try await router.flush(at: at(30))
        try await router.record(cycle([transition(.resolved, "a", at: 60)]), active: [active("b", phase: .firing, since: 0)], at: at(60))
        try await router.flush(at: at(330))
        #expect(try notifications(store).map(\.reason) == [.firstNotification, .firstNotification, .allAlertsResolved])

        #expect(try await router.forgetResolvedGroups(notifiedBefore: at(330)) == 0, "told at 330: not before it")
        #expect(try await router.forgetResolvedGroups(notifiedBefore: at(331)) == 1)
        let kept = try store.notificationLog()
        #expect(kept.map(\.firing) == [[RoutedAlert.fingerprint(of: ["alertname": "BehindPace", "account": "b", "severity": "warning"])]],
                "the group still firing keeps its entry, however old")

        // The forgotten group fires again: a first notification, as for a group never seen.
        try await router.record(cycle([transition(.firing, "a", at: 400, since: 400)]), active: [
            active("a", phase: .firing, since: 400), active("b", phase: .firing, since: 0),
        ], at: at(400))
        try await router.flush(at: at(430))
        #expect(try notifications(store).last?.reason == .firstNotification)
    }

    @Test func withoutARouteAlertsAreRecordedButNothingIsSent() async throws {
        let folder = try TemporaryStoreFolder()
        let store = try MetricStore(path: folder.path("goalwatch.sqlite"))
        let router = try AlertRouter(store: store, alerting: AlertingConfiguration(), receivers: [], now: at(0))
        try await router.record(cycle([transition(.firing, "a", at: 0)]), active: [active("a", phase: .firing, since: 0)], at: at(0))
        #expect(try await router.flush(at: at(3600)).isEmpty)
        #expect(try store.alertStates().count == 1)
        #expect(await router.nextDeadline == nil)
    }

    @Test func alertsWithoutAFiniteValueAreRecordedAndRestored() async throws {
        let folder = try TemporaryStoreFolder()
        let path = folder.path("goalwatch.sqlite")
        var transitions = [transition(.firing, "a", at: 0)]
        transitions[0].event.value = .nan
        var alert = active("a", phase: .firing, since: 0)
        alert.instance.value = .infinity
        do {
            let router = try AlertRouter(store: try MetricStore(path: path), alerting: alerting, receivers: receivers, now: at(0))
            try await router.record(cycle(transitions), active: [alert], at: at(0))
        }
        let store = try MetricStore(path: path)
        let router = try AlertRouter(store: store, alerting: alerting, receivers: receivers, now: at(10))
        #expect(try await router.restoredEngineAlerts().map(\.instance.value) == [.infinity])
        try await router.flush(at: at(40))
        #expect(try notifications(store).first?.alerts.first?.value.isNaN == true)
    }
}
