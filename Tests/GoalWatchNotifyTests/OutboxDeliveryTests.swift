import Crypto
import Foundation
import GoalWatchCore
import GoalWatchStore
import LoopbackHTTP
import NIOConcurrencyHelpers
import Testing

@testable import GoalWatchNotify

/// The outbox worker against real HTTP servers on 127.0.0.1.
@Suite struct OutboxDeliveryTests {
    /// Whether `request` carries a valid signature of its body made with `secret` (DESIGN §8).
    private static func isSigned(_ request: LoopbackHTTPServer.Request, secret: String) -> Bool {
        guard let timestamp = request.header("X-GoalWatch-Timestamp"), let signature = request.header("X-GoalWatch-Signature") else {
            return false
        }
        let key = SymmetricKey(data: Data(secret.utf8))
        let mac = HMAC<SHA256>.authenticationCode(for: Data(timestamp.utf8) + Data(".".utf8) + Data(request.body), using: key)
        return signature == "sha256=" + mac.map { String(format: "%02x", $0) }.joined()
    }

    @Test func aSignedWebhookIsDeliveredOnceAndLeavesTheOutbox() async throws {
        let server = try LoopbackHTTPServer { request in
            Self.isSigned(request, secret: "hook-secret") ? .init(status: 204) : .init(status: 401)
        }
        defer { try? server.shutdown() }
        let folder = try TemporaryStoreFolder()
        let store = try MetricStore(path: folder.path("goalwatch.sqlite"))
        let events = NIOLockedValueBox<[DeliveryEvent]>([])
        let (_, task, _) = try startWorker(store: store, receivers: [webhook("oncall", server, secret: "hook-secret")]) { event in
            events.withLockedValue { $0.append(event) }
        }
        defer { task.cancel() }
        try enqueue(testNotification("n-1", receiver: "oncall"), in: store)
        // The worker was started before the entry existed: it finds it on its own timer or wake-up.
        try await eventually("the outbox is empty") { try store.outboxDepth() == 0 }
        #expect(server.requests.count == 1)
        let request = try #require(server.requests.first)
        #expect(request.header("Idempotency-Key") == "n-1")
        #expect(request.header("Content-Type") == "application/json")
        #expect(request.header("User-Agent") == "GoalWatch/test")
        let events_ = events.withLockedValue { $0 }
        #expect(events_.map(\.outcome) == [.notified(attempt: 1)])
        #expect(events_.map(\.notification.id) == ["n-1"])
    }

    @Test func retriesThrough503And429WithTheSameIdempotencyKey() async throws {
        let answers = NIOLockedValueBox([
            LoopbackHTTPServer.Response(status: 503),
            LoopbackHTTPServer.Response(status: 429, headers: [("Retry-After", "1")]),
            LoopbackHTTPServer.Response(status: 200),
        ])
        let server = try LoopbackHTTPServer { _ in answers.withLockedValue { $0.isEmpty ? .init(status: 200) : $0.removeFirst() } }
        defer { try? server.shutdown() }
        let folder = try TemporaryStoreFolder()
        let store = try MetricStore(path: folder.path("goalwatch.sqlite"))
        try enqueue(testNotification("n-2", receiver: "oncall"), in: store)
        let started = Date()
        let (_, task, _) = try startWorker(store: store, receivers: [webhook("oncall", server)])
        defer { task.cancel() }
        try await eventually("the notification is delivered after two failures") { try store.outboxDepth() == 0 }
        #expect(server.requests.map { $0.header("Idempotency-Key") } == ["n-2", "n-2", "n-2"])
        #expect(Set(server.requests.map(\.text)).count == 1)
        // Retry-After: 1 was honoured although the policy's own wait would have been 40 ms.
        #expect(Date().timeIntervalSince(started) >= 1)
    }

    @Test func aHangingReceiverDoesNotDelayAnother() async throws {
        let hanging = try LoopbackHTTPServer { _ in nil }
        defer { try? hanging.shutdown() }
        let healthy = try LoopbackHTTPServer { _ in .init(status: 200) }
        defer { try? healthy.shutdown() }
        let folder = try TemporaryStoreFolder()
        let store = try MetricStore(path: folder.path("goalwatch.sqlite"))
        for index in 0..<3 { try enqueue(testNotification("slow-\(index)", receiver: "slow"), in: store) }
        try enqueue(testNotification("fast-1", receiver: "fast"), in: store)
        let (_, task, _) = try startWorker(
            store: store, receivers: [webhook("slow", hanging, timeout: .seconds(60), concurrency: 1), webhook("fast", healthy)])
        defer { task.cancel() }
        try await eventually("the healthy receiver's notification left the outbox") {
            try store.outboxEntries().map(\.receiver) == ["slow", "slow", "slow"]
        }
        #expect(healthy.requests.count == 1)
        // Concurrency 1: only one request is held by the hanging receiver.
        #expect(hanging.requests.count == 1)
    }

    @Test func anAttemptThatTimesOutIsRetried() async throws {
        let hanging = try LoopbackHTTPServer { _ in nil }
        defer { try? hanging.shutdown() }
        let folder = try TemporaryStoreFolder()
        let store = try MetricStore(path: folder.path("goalwatch.sqlite"))
        try enqueue(testNotification("n-3", receiver: "slow"), in: store)
        let (_, task, _) = try startWorker(store: store, receivers: [webhook("slow", hanging, timeout: TimeSpan(milliseconds: 200))])
        defer { task.cancel() }
        try await eventually("a second attempt was made") { hanging.requests.count >= 2 }
        let entry = try #require(try store.outboxEntry(id: "n-3"))
        #expect(entry.attempts >= 1)
        #expect(entry.lastError?.hasPrefix("timed out") == true)
    }

    @Test func deadLettersAfterMaxAgeAndTellsTheFallbackReceiver() async throws {
        let broken = try LoopbackHTTPServer { _ in .init(status: 502) }
        defer { try? broken.shutdown() }
        let fallback = try LoopbackHTTPServer { _ in .init(status: 200) }
        defer { try? fallback.shutdown() }
        let folder = try TemporaryStoreFolder()
        let store = try MetricStore(path: folder.path("goalwatch.sqlite"))
        try enqueue(testNotification("n-4", receiver: "oncall"), in: store, fallback: "backup")
        let events = NIOLockedValueBox<[DeliveryEvent]>([])
        let (_, task, _) = try startWorker(
            store: store, receivers: [webhook("oncall", broken, maxAge: TimeSpan(milliseconds: 500)), webhook("backup", fallback)]
        ) { event in events.withLockedValue { $0.append(event) } }
        defer { task.cancel() }
        try await eventually("the notification is dead-lettered") { try store.deadLetters().count == 1 }
        let letter = try #require(try store.deadLetters().first)
        #expect(letter.id == "n-4" && letter.receiver == "oncall")
        #expect(letter.lastError == "gave up at max_age: HTTP 502 Bad Gateway")
        #expect(letter.attempts >= 1)
        try await eventually("the fallback receiver got the notice") { fallback.requests.count == 1 }
        let notice = try #require(fallback.requests.first)
        let payload = try #require(try JSONSerialization.jsonObject(with: Data(notice.body)) as? [String: Any])
        let labels = (payload["commonLabels"] as? [String: String]) ?? [:]
        #expect(labels["alertname"] == "GoalWatchDeliveryFailed" && labels["receiver"] == "oncall")
        let deadLettered = events.withLockedValue { $0 }.contains { if case .deadLettered = $0.outcome { true } else { false } }
        #expect(deadLettered)
    }

    @Test func aClientErrorIsNotRetried() async throws {
        let refusing = try LoopbackHTTPServer { _ in .init(status: 400) }
        defer { try? refusing.shutdown() }
        let folder = try TemporaryStoreFolder()
        let store = try MetricStore(path: folder.path("goalwatch.sqlite"))
        try enqueue(testNotification("n-5", receiver: "oncall"), in: store)
        let (_, task, _) = try startWorker(store: store, receivers: [webhook("oncall", refusing)])
        defer { task.cancel() }
        try await eventually("the notification is dead-lettered") { try store.deadLetters().count == 1 }
        #expect(refusing.requests.count == 1)
        #expect(try store.deadLetters().first?.lastError == "HTTP 400 Bad Request")
    }

    @Test func aRefusedConnectionIsRetriedUntilTheReceiverIsBack() async throws {
        // Find a free port, then start the receiver on it only after the first attempts failed.
        let probe = try LoopbackHTTPServer { _ in .init(status: 200) }
        let port = probe.port
        try probe.shutdown()
        let folder = try TemporaryStoreFolder()
        let store = try MetricStore(path: folder.path("goalwatch.sqlite"))
        try enqueue(testNotification("n-6", receiver: "oncall"), in: store)
        let receiver = ReceiverConfiguration(
            name: "oncall", kind: .webhook(WebhookReceiver(url: .plain("http://127.0.0.1:\(port)/hook"))),
            delivery: DeliverySettings(timeout: .seconds(1)))
        let (_, task, _) = try startWorker(store: store, receivers: [receiver])
        defer { task.cancel() }
        try await eventually("an attempt failed") { (try store.outboxEntry(id: "n-6")?.attempts ?? 0) >= 1 }
        #expect(try store.outboxEntry(id: "n-6")?.lastError == "connection refused")
        let server = try await LoopbackHTTPServer.restart(on: port) { _ in .init(status: 200) }
        defer { try? server.shutdown() }
        try await eventually("the notification is delivered once the receiver listens") { try store.outboxDepth() == 0 }
    }
}
