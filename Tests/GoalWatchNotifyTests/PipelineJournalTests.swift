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
}
