import Foundation
import GoalWatchCore
import GoalWatchStore
import JournaldTestSupport
import LoopbackHTTP
import Testing

@testable import GoalWatchNotify

/// The router and the outbox worker wired to the real journald, as the daemon wires them: a transition
/// and the delivery it leads to each leave one entry.
@Suite("alerting pipeline writes to journald", .needsJournald)
struct PipelineJournalTests {
    @Test func aFiringTransitionAndItsDeliveryEachLeaveAnEntry() async throws {
        try await RealJournald.shared.ensureRunning()
        let server = try LoopbackHTTPServer { _ in .init(status: 200) }
        defer { try? server.shutdown() }
        let folder = try TemporaryStoreFolder()
        let store = try MetricStore(path: folder.path("goalwatch.sqlite"))
        let run = UUID().uuidString
        let receivers = [webhook("journal-hook", server)]
        let alerting = AlertingConfiguration(
            route: AlertRoute(receiver: "journal-hook", groupBy: .labels(["test_run"]), groupWait: TimeSpan(milliseconds: 0)))
        let router = try AlertRouter(
            store: store, alerting: alerting, receivers: receivers, now: at(0), onTransition: { try? AlertJournal.record($0) })
        let labels = Labels(["alertname": "LeadsBelowTarget", "severity": "warning", "test_run": run])
        var cycle = EvaluationCycle()
        cycle.transitions = [AlertTransition(
            event: AlertEvent(kind: .firing, labels: labels, value: 12, activeSince: at(0), at: at(0)),
            annotations: ["summary": "leads are low"], origin: .rule(group: "g", rule: "LeadsBelowTarget"))]
        try await router.record(cycle, active: [], at: at(0))
        try await router.flush(at: at(0))

        let (_, task, _) = try startWorker(store: store, receivers: receivers) { try? AlertJournal.record($0) }
        defer { task.cancel() }
        try await eventually("the notification is delivered") { try store.outboxDepth() == 0 }

        let entries = try await JournalQuery.entries("GOALWATCH_LABEL_TEST_RUN", run, count: 2)
        #expect(entries.map { $0["GOALWATCH_EVENT"] } == ["firing", "notified"])
        #expect(entries.last?["GOALWATCH_RECEIVER"] == "journal-hook")
        #expect(entries.last?["GOALWATCH_ALERTNAME"] == "LeadsBelowTarget")
        #expect(entries.first?["GOALWATCH_VALUE"] == "12")
    }

    @Test func failuresAndTheDeadLetterAreJournaledWithoutTheReceiversSecretURL() async throws {
        try await RealJournald.shared.ensureRunning()
        let server = try LoopbackHTTPServer { _ in .init(status: 503) }
        defer { try? server.shutdown() }
        let folder = try TemporaryStoreFolder()
        let store = try MetricStore(path: folder.path("goalwatch.sqlite"))
        let token = "TOKEN-\(UUID().uuidString)"
        let receiver = ReceiverConfiguration(
            name: "secret-hook",
            kind: .webhook(WebhookReceiver(url: .secret(Secret(server.url("/hook/\(token)?key=\(token)"))), secret: Secret(token))),
            delivery: DeliverySettings(maxAge: TimeSpan(milliseconds: 300)))
        let run = UUID().uuidString
        var notification = testNotification("dl-\(run)", receiver: "secret-hook")
        notification.alerts[0].labels["test_run"] = run
        try enqueue(notification, in: store)
        let (_, task, _) = try startWorker(store: store, receivers: [receiver]) { try? AlertJournal.record($0) }
        defer { task.cancel() }
        try await eventually("the notification is dead-lettered") { try store.deadLetters().count == 1 }

        // The dead letter's entry follows the store's write: read until it is there.
        var entries: [JournaldEntry] = []
        let deadline = Date().addingTimeInterval(10)
        while entries.last?["GOALWATCH_EVENT"] != "dead_letter", Date() < deadline {
            entries = try await JournalQuery.entries("GOALWATCH_NOTIFICATION_ID", "dl-\(run)")
            if entries.last?["GOALWATCH_EVENT"] != "dead_letter" { try await Task.sleep(for: .milliseconds(20)) }
        }
        let events = entries.compactMap { $0["GOALWATCH_EVENT"] }
        #expect(events.last == "dead_letter" && events.dropLast().allSatisfy { $0 == "notify_failed" })
        #expect(entries.last?["PRIORITY"] == "2")
        #expect(entries.last?["GOALWATCH_ERROR"] == "gave up at max_age: HTTP 503 Service Unavailable")
        for entry in entries {
            for name in entry.fields.keys {
                for value in entry.values(name) where value.contains(token) {
                    Issue.record("the receiver's secret leaked into \(name)=\(value)")
                }
            }
        }
        #expect(try store.deadLetters().allSatisfy { !$0.lastError.contains(token) && !$0.body.contains(token) })
    }
}
