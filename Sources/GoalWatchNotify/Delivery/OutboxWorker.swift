import Foundation
import GoalWatchCore
import GoalWatchStore

/// Delivers what the outbox holds: one lane per receiver, so a slow or dead receiver never delays
/// another; within a lane at most `concurrency` attempts at once, each bounded by the receiver's
/// `timeout`; failures retried with ``RetryPolicy`` until `max_age`, then dead-lettered (with a notice
/// to the route's fallback receiver when it has one).
///
/// The outbox is the only queue: an entry is deleted when delivered and rescheduled in the store when
/// an attempt fails, so a restart resumes exactly where the last process stopped. Delivery is
/// at-least-once: a crash after the receiver accepted but before the entry was deleted sends it again,
/// with the same `Idempotency-Key`.
public actor OutboxWorker {
    private let store: MetricStore
    private let transport: any DeliveryTransport
    private let policy: RetryPolicy
    private let now: @Sendable () -> Timestamp
    private let random: @Sendable () -> Double
    private let report: @Sendable (DeliveryEvent) -> Void
    private let makeID: @Sendable () -> String
    private let only: Set<String>?
    private let pollInterval: TimeSpan
    private var lanes: [String: Lane] = [:]
    private var inFlight: [String: Set<String>] = [:]

    /// One receiver's lane: its loop, its wake-up signal and the attempts in flight.
    private final class Lane: Sendable {
        let bell: AsyncStream<Void>
        let ring: AsyncStream<Void>.Continuation
        init() {
            (bell, ring) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        }
    }

    /// Creates a worker; nothing is sent until ``run()``.
    ///
    /// - Parameters:
    ///   - report: told of every delivery outcome (the daemon writes them to journald).
    ///   - only: when given, the worker delivers only the entries with these ids (`goalwatch notify`).
    ///   - pollInterval: how often an idle lane looks for entries it was not woken for.
    public init(
        store: MetricStore, transport: any DeliveryTransport, policy: RetryPolicy = RetryPolicy(),
        now: @escaping @Sendable () -> Timestamp = { Timestamp(unixSeconds: Date().timeIntervalSince1970) },
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) },
        report: @escaping @Sendable (DeliveryEvent) -> Void = { _ in },
        makeID: @escaping @Sendable () -> String = { UUID().uuidString.lowercased() },
        only: Set<String>? = nil,
        pollInterval: TimeSpan = .seconds(1)
    ) {
        self.pollInterval = pollInterval
        self.makeID = makeID
        self.only = only
        self.store = store
        self.transport = transport
        self.policy = policy
        self.now = now
        self.random = random
        self.report = report
        for name in transport.receiverNames { lanes[name] = Lane() }
    }

    /// Runs every lane until the task is cancelled.
    public func run() async {
        await withTaskGroup(of: Void.self) { group in
            for (name, lane) in lanes {
                group.addTask { await self.runLane(name, lane) }
                lane.ring.yield()
            }
        }
    }

    /// Stops taking entries: ``run()`` returns once the attempts in flight have ended (cancel its task to
    /// end them sooner). What is left stays in the outbox for the next start.
    public func finish() {
        for lane in lanes.values { lane.ring.finish() }
    }

    /// Tells the lane of `receiver` that new entries may be due (after the router put some in the outbox).
    public nonisolated func wake(_ receiver: String) {
        Task { await self.ring(receiver) }
    }

    private func ring(_ receiver: String) {
        lanes[receiver]?.ring.yield()
    }

    private func runLane(_ receiver: String, _ lane: Lane) async {
        let concurrency = max(transport.settings(for: receiver)?.concurrency ?? 1, 1)
        var timer: Task<Void, Never>?
        await withDiscardingTaskGroup { attempts in
            // A finished attempt rings the bell too, so its slot is refilled at once.
            for await _ in lane.bell {
                let busy = inFlight[receiver, default: []]
                let due = dueEntries(receiver, limit: concurrency - busy.count, excluding: busy)
                for entry in due {
                    inFlight[receiver, default: []].insert(entry.id)
                    attempts.addTask { await self.attempt(entry) }
                }
                timer?.cancel()
                timer = scheduleWake(lane, receiver: receiver)
            }
            attempts.cancelAll()
        }
        timer?.cancel()
    }

    private func dueEntries(_ receiver: String, limit: Int, excluding busy: Set<String>) -> [OutboxEntry] {
        guard limit > 0 else { return [] }
        let current = now()
        guard only != nil else {
            return (try? store.dueOutboxEntries(receiver: receiver, at: current, limit: limit, excluding: busy)) ?? []
        }
        let entries = onlyEntries(of: receiver).filter { !busy.contains($0.id) && $0.nextAttemptAt <= current }
        return Array(entries.prefix(limit))
    }

    /// The entries named by `only` that are still in the outbox for `receiver`, by id.
    private func onlyEntries(of receiver: String) -> [OutboxEntry] {
        (only ?? []).sorted().compactMap { try? store.outboxEntry(id: $0) }.filter { $0.receiver == receiver }
    }

    /// Rings the lane when its earliest entry falls due, or after `pollInterval` (attempts in flight ring
    /// it when they end).
    private func scheduleWake(_ lane: Lane, receiver: String) -> Task<Void, Never> {
        let next: Timestamp?
        if only != nil {
            next = onlyEntries(of: receiver).map(\.nextAttemptAt).min()
        } else {
            next = try? store.nextOutboxAttempt(receiver: receiver)
        }
        // Entries another process (`goalwatch notify`, a restart's leftovers) put in the outbox are found
        // by polling at least every `pollInterval`; this process's own router wakes the lane at once.
        let untilDue = next.map { max($0.milliseconds - now().milliseconds, 0) } ?? Int64.max
        let wait = min(untilDue, pollInterval.milliseconds)
        return Task {
            try? await Task.sleep(for: .milliseconds(wait))
            if !Task.isCancelled { lane.ring.yield() }
        }
    }

    private func attempt(_ entry: OutboxEntry) async {
        await deliver(entry)
        inFlight[entry.receiver]?.remove(entry.id)
        lanes[entry.receiver]?.ring.yield()
    }

    private func deliver(_ entry: OutboxEntry) async {
        let attempt = entry.attempts + 1
        guard let notification = try? StoredJSON.decode(Notification.self, from: entry.body) else {
            giveUp(entry, attempts: attempt, reason: "the stored notification cannot be read", notification: nil)
            return
        }
        let outcome = await transport.deliver(notification, attempt: attempt)
        let settings = transport.settings(for: entry.receiver)
        let deadline = entry.createdAt + (settings?.maxAge ?? .hours(24))
        switch outcome {
        case .delivered:
            do {
                try store.markDelivered(id: entry.id)
                report(DeliveryEvent(notification: notification, outcome: .notified(attempt: attempt)))
            } catch {
                // The receiver has it; the entry stays and is sent again (at-least-once).
            }
        case .refused(let reason):
            giveUp(entry, attempts: attempt, reason: reason, notification: notification)
        case .retry(let reason, let retryAfter):
            let current = now()
            if current >= deadline {
                giveUp(entry, attempts: attempt, reason: "gave up at max_age: \(reason)", notification: notification)
                return
            }
            let next = policy.nextAttempt(
                afterFailures: attempt, at: current, retryAfter: retryAfter, deadline: deadline, random: random())
            try? store.recordFailedAttempt(id: entry.id, attempts: attempt, error: reason, nextAttemptAt: next)
            report(DeliveryEvent(notification: notification, outcome: .failed(attempt: attempt, error: reason), nextAttemptAt: next))
        }
    }

    private func giveUp(_ entry: OutboxEntry, attempts: Int, reason: String, notification: Notification?) {
        let current = now()
        var notice: OutboxEntry?
        if let notification, let fallback = entry.fallbackReceiver {
            notice = DeadLetterNotice.entry(for: notification, reason: reason, fallback: fallback, id: makeID(), at: current)
        }
        try? store.deadLetter(id: entry.id, attempts: attempts, error: reason, at: current, notice: notice)
        if let notification { report(DeliveryEvent(notification: notification, outcome: .deadLettered(attempts: attempts, error: reason))) }
        if let notice { lanes[notice.receiver]?.ring.yield() }
    }
}
