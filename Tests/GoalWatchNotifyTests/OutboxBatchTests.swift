import Foundation
import GoalWatchCore
import GoalWatchStore
import LoopbackHTTP
import NIOConcurrencyHelpers
import Testing

@testable import GoalWatchNotify

/// A transport whose receiver accepts each notification, after which the process "dies": the worker
/// never hears of the acceptance, as when GoalWatch is killed between the receiver's 2xx and the
/// write that removes the entry. Its attempts end only when their task is cancelled.
private struct AcceptedThenCrashed: DeliveryTransport {
    let inner: HTTPDeliveryTransport
    var receiverNames: [String] { inner.receiverNames }
    func settings(for receiver: String) -> DeliverySettings? { inner.settings(for: receiver) }
    func deliver(_ notification: GoalWatchNotify.Notification, attempt: Int) async -> AttemptResult {
        _ = await inner.deliver(notification, attempt: attempt)
        let (never, _) = AsyncStream.makeStream(of: Void.self)
        for await _ in never {}
        return .retry(reason: "the process ended", retryAfter: nil)
    }
}

/// Batched reads and removals of the outbox worker: each entry is sent once, leaves the outbox only
/// after its receiver accepted it, and an acceptance not yet written is sent again after a crash.
@Suite struct OutboxBatchTests {
    @Test func aBurstIsDeliveredOnceEachAndReportedOnlyOnceOutOfTheOutbox() async throws {
        let server = try LoopbackHTTPServer { _ in .init(status: 200) }
        defer { try? server.shutdown() }
        let folder = try TemporaryStoreFolder()
        let store = try MetricStore(path: folder.path("goalwatch.sqlite"))
        let count = 150
        var change = AlertingChange()
        let encoder = JSONEncoder()
        for index in 0..<count {
            let notification = testNotification("n-\(index)", receiver: "oncall")
            change.notifications.append(OutboxEntry(
                id: notification.id, receiver: "oncall", body: String(decoding: try encoder.encode(notification), as: UTF8.self),
                createdAt: Timestamp(unixSeconds: Date().timeIntervalSince1970)))
        }
        try store.apply(change)
        // Every `notified` report must come after its entry left the outbox.
        let reports = NIOLockedValueBox<(ids: [String], stillQueued: [String])>(([], []))
        let (_, task, _) = try startWorker(store: store, receivers: [webhook("oncall", server, concurrency: 16)]) { event in
            guard case .notified = event.outcome else { return }
            let queued = (try? store.outboxEntry(id: event.notification.id)) != nil
            reports.withLockedValue {
                $0.ids.append(event.notification.id)
                if queued { $0.stillQueued.append(event.notification.id) }
            }
        }
        defer { task.cancel() }
        try await eventually("every notification is reported delivered") { reports.withLockedValue { $0.ids.count } == count }
        #expect(try store.outboxDepth() == 0)
        let keys = server.requests.compactMap { $0.header("Idempotency-Key") }
        #expect(keys.count == count)
        #expect(Set(keys) == Set((0..<count).map { "n-\($0)" }))
        #expect(reports.withLockedValue { $0.stillQueued }.isEmpty)
        #expect(Set(reports.withLockedValue { $0.ids }).count == count)
    }

    @Test func anAcceptanceNotYetWrittenIsSentAgainWithTheSameKeyAfterARestart() async throws {
        let server = try LoopbackHTTPServer { _ in .init(status: 200) }
        defer { try? server.shutdown() }
        let folder = try TemporaryStoreFolder()
        let path = folder.path("goalwatch.sqlite")
        let receivers = [webhook("oncall", server)]
        do {
            let store = try MetricStore(path: path)
            try enqueue(testNotification("n-1", receiver: "oncall"), in: store)
            let transport = try HTTPDeliveryTransport(
                receivers: receivers, evaluationInterval: .minutes(1), timeZone: TimeZone(identifier: "UTC")!, userAgent: "GoalWatch/test")
            let worker = OutboxWorker(store: store, transport: AcceptedThenCrashed(inner: transport), policy: quickRetries)
            let task = Task { await worker.run() }
            try await eventually("the receiver accepted the notification") { server.requests.count == 1 }
            // Accepted, but its removal was never written: the entry is still in the outbox.
            #expect(try store.outboxEntry(id: "n-1") != nil)
            task.cancel()
        }
        // The next process, on the same file, sends it again with the same key and body.
        let store = try MetricStore(path: path)
        let (_, task, _) = try startWorker(store: store, receivers: receivers)
        defer { task.cancel() }
        try await eventually("the notification is delivered again and leaves the outbox") { try store.outboxDepth() == 0 }
        let requests = server.requests
        #expect(requests.count == 2)
        #expect(requests.map { $0.header("Idempotency-Key") } == ["n-1", "n-1"])
        #expect(Set(requests.map(\.text)).count == 1)
    }

    @Test func aSubmittedNotificationSparesTheFirstAttemptFromReadingTheStoredBody() async throws {
        let server = try LoopbackHTTPServer { _ in .init(status: 200) }
        defer { try? server.shutdown() }
        let folder = try TemporaryStoreFolder()
        let store = try MetricStore(path: folder.path("goalwatch.sqlite"))
        let (worker, task, _) = try startWorker(store: store, receivers: [webhook("oncall", server)])
        defer { task.cancel() }
        // A body no decoder could read: only the handed-over notification can be sent.
        try store.enqueue(OutboxEntry(
            id: "n-1", receiver: "oncall", body: "not json", createdAt: Timestamp(unixSeconds: Date().timeIntervalSince1970)))
        worker.submit([testNotification("n-1", receiver: "oncall")])
        try await eventually("the notification left the outbox") { try store.outboxDepth() == 0 }
        #expect(try store.deadLetters().isEmpty)
        #expect(server.requests.map { $0.header("Idempotency-Key") } == ["n-1"])
    }
}
