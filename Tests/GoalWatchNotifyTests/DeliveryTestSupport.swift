import Foundation
import GoalWatchCore
import GoalWatchStore
import LoopbackHTTP
import Testing

@testable import GoalWatchNotify

/// Polls `condition` until it holds or `seconds` pass; fails the test with `message` on timeout.
func eventually(
    within seconds: Double = 30, _ message: String, sourceLocation: Testing.SourceLocation = #_sourceLocation,
    _ condition: () throws -> Bool
) async throws {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if try condition() { return }
        try await Task.sleep(for: .milliseconds(10))
    }
    Issue.record("timed out after \(seconds) s waiting until \(message)", sourceLocation: sourceLocation)
}

/// A notification with one firing alert, for `receiver`.
func testNotification(_ id: String, receiver: String, at time: Timestamp = Timestamp(milliseconds: 1_790_000_000_000)) -> GoalWatchNotify.Notification {
    let labels = ["alertname": "FollowersBehindPace", "goal": "ig-followers", "severity": "warning"]
    return GoalWatchNotify.Notification(
        id: id, receiver: receiver, groupKey: "{}:{alertname=\"FollowersBehindPace\"}", groupLabels: ["alertname": "FollowersBehindPace"],
        status: .firing, reason: .firstNotification,
        alerts: [NotifiedAlert(status: .firing, labels: labels, annotations: ["summary": "behind"], startsAt: time, value: 0.42, fingerprint: RoutedAlert.fingerprint(of: labels))],
        createdAt: time)
}

/// Puts `notification` in `store`'s outbox, created now.
func enqueue(_ notification: GoalWatchNotify.Notification, in store: MetricStore, fallback: String? = nil) throws {
    let body = String(decoding: try JSONEncoder().encode(notification), as: UTF8.self)
    try store.enqueue(OutboxEntry(
        id: notification.id, receiver: notification.receiver, fallbackReceiver: fallback, body: body,
        createdAt: Timestamp(unixSeconds: Date().timeIntervalSince1970)))
}

/// A generic webhook receiver posting to `server`.
func webhook(_ name: String, _ server: LoopbackHTTPServer, secret: String? = nil, timeout: TimeSpan = .seconds(5), maxAge: TimeSpan = .hours(24), concurrency: Int = 4) -> ReceiverConfiguration {
    ReceiverConfiguration(
        name: name, kind: .webhook(WebhookReceiver(url: .plain(server.url("/hook/\(name)")), secret: secret.map(Secret.init))),
        delivery: DeliverySettings(timeout: timeout, maxAge: maxAge, concurrency: concurrency))
}

/// Retries quickly, so tests that go through several failures stay short.
let quickRetries = RetryPolicy(initial: TimeSpan(milliseconds: 20), multiplier: 2, maximum: TimeSpan(milliseconds: 200), jitter: 0)

/// A worker over `receivers` on `store`, running until the returned task is cancelled.
func startWorker(
    store: MetricStore, receivers: [ReceiverConfiguration], policy: RetryPolicy = quickRetries,
    report: @escaping @Sendable (DeliveryEvent) -> Void = { _ in }
) throws -> (OutboxWorker, Task<Void, Never>, HTTPDeliveryTransport) {
    let transport = try HTTPDeliveryTransport(
        receivers: receivers, evaluationInterval: .minutes(1), timeZone: TimeZone(identifier: "UTC")!, userAgent: "GoalWatch/test")
    let worker = OutboxWorker(store: store, transport: transport, policy: policy, report: report)
    let task = Task { await worker.run() }
    return (worker, task, transport)
}
