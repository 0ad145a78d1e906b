import Foundation
import GoalWatchCore
import GoalWatchStore
import Synchronization

/// Delivers what the outbox holds: one lane per receiver, so a slow or dead receiver never delays
/// another; within a lane at most `concurrency` attempts at once, each bounded by the receiver's
/// `timeout`; failures retried with ``RetryPolicy`` until `max_age`, then dead-lettered (with a notice
/// to the route's fallback receiver when it has one).
///
/// The outbox is the only queue: an entry is deleted when delivered and rescheduled in the store when
/// an attempt fails, so a restart resumes exactly where the last process stopped. Delivery is
/// at-least-once: a crash after the receiver accepted but before the entry was deleted sends it again,
/// with the same `Idempotency-Key`.
///
/// Throughput: a lane reads its due entries a batch at a time, and accepted entries leave the outbox in
/// batches, one transaction each (see ``removalDelay``): a burst of notifications costs one disk write
/// per batch, not one per notification, and an entry still leaves the outbox only once its receiver
/// has accepted it.
public actor OutboxWorker {
    /// A lane reads at least this many due entries at once (twice its concurrency when that is more).
    static let minimumBatch = 64
    /// At most this many accepted entries are removed in one transaction.
    static let maximumRemoval = 1_000
    /// Accepted entries wait up to this long for others to join their removal, unless
    /// ``removalBatch`` are waiting already. Each removal is one disk write (`synchronous=FULL`), so
    /// removing a handful at a time would cost as much as the deliveries themselves; the wait only
    /// delays a report and leaves an accepted entry in the outbox a little longer (a crash then sends
    /// it again, as at-least-once allows).
    static let removalDelay = Duration.milliseconds(10)
    /// See ``removalDelay``.
    static let removalBatch = 256

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
    /// Per receiver, the entries read from the store and due, not yet attempted, earliest first.
    private var queued: [String: [OutboxEntry]] = [:]
    /// Per receiver, how many attempts are under way.
    private var running: [String: Int] = [:]
    /// Per receiver, the ids its lane holds (queued, being attempted, or accepted and not yet removed
    /// from the outbox): the lane does not read them from the store again.
    private var held: [String: Set<String>] = [:]
    /// Entries their receivers accepted, waiting to be removed from the outbox.
    private var accepted: [Accepted] = []
    /// Notifications handed over with ``submit(_:)`` and not attempted yet, by id.
    private var submitted: [String: Notification] = [:]
    /// The attempts under way, by entry id, to cancel when the worker's task is.
    private var inFlight: [String: DeliveryAttempt] = [:]
    /// Set by ``finish()``: lanes start no more attempts, and end once theirs have.
    private var finishing = false
    private let removals: Lane

    /// One receiver's lane: its wake-up signal, and the results its attempts report.
    ///
    /// An attempt's result arrives on whatever thread ended it; it is put here and the bell rung, and the
    /// lane takes all that have arrived at its next turn, so a burst costs one turn of the lane for many
    /// results rather than a task resumed for each.
    private final class Lane: Sendable {
        let bell: AsyncStream<Void>
        let ring: AsyncStream<Void>.Continuation
        private let results = Mutex(Results())

        private struct Results: ~Copyable {
            var finished: [Finished] = []
            var running = 0
            var idle: CheckedContinuation<Void, Never>?
        }

        init() {
            (bell, ring) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        }

        /// Counts an attempt that is starting.
        func started() {
            results.withLock { $0.running += 1 }
        }

        /// Keeps the result of an attempt and wakes the lane.
        func report(_ result: Finished) {
            let idle = results.withLock { results in
                results.finished.append(result)
                results.running -= 1
                defer { if results.running == 0 { results.idle = nil } }
                return results.running == 0 ? results.idle : nil
            }
            idle?.resume()
            ring.yield()
        }

        /// The results reported since the last call.
        func takeFinished() -> [Finished] {
            results.withLock { results in
                defer { results.finished = [] }
                return results.finished
            }
        }

        /// Returns once no attempt is under way (at once when none is); not ended by cancellation.
        func untilIdle() async {
            await withCheckedContinuation { continuation in
                let now = results.withLock { results in
                    guard results.running > 0 else { return true }
                    results.idle = continuation
                    return false
                }
                if now { continuation.resume() }
            }
        }
    }

    /// An attempt that ended, and how.
    private struct Finished: Sendable {
        var entry: OutboxEntry
        var notification: Notification
        var result: AttemptResult
    }

    /// An entry its receiver accepted, and the event reported once it has left the outbox.
    private struct Accepted: Sendable {
        var id: String
        var receiver: String
        var event: DeliveryEvent
    }

    /// Creates a worker; nothing is sent until ``run()``.
    ///
    /// - Parameters:
    ///   - report: told of every delivery outcome (the daemon writes them to journald); a delivery is
    ///     reported once its entry has left the outbox.
    ///   - only: when given, the worker delivers only the entries with these ids (`goalwatch notify`).
    ///   - pollInterval: how often an idle lane looks for entries it was not woken for.
    public init(
        store: MetricStore, transport: any DeliveryTransport, policy: RetryPolicy = RetryPolicy(),
        now: @escaping @Sendable () -> Timestamp = { .now },
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) },
        report: @escaping @Sendable (DeliveryEvent) -> Void = { _ in },
        makeID: @escaping @Sendable () -> String = NotificationID.make,
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
        removals = Lane()
        for name in transport.receiverNames { lanes[name] = Lane() }
    }

    /// Runs every lane until the task is cancelled; then removes from the outbox what receivers
    /// accepted meanwhile, so that it is not sent again.
    public func run() async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.runRemovals() }
            for (name, lane) in lanes {
                group.addTask { await self.runLane(name, lane) }
                lane.ring.yield()
            }
        }
        await removeAccepted()
    }

    /// Stops taking entries: ``run()`` returns once the attempts in flight have ended (cancel its task to
    /// end them sooner). What is left stays in the outbox for the next start.
    public func finish() {
        finishing = true
        for lane in lanes.values { lane.ring.yield() }
        removals.ring.finish()
    }

    /// Hands the worker notifications the router has just put in the outbox, and wakes their lanes.
    ///
    /// The outbox stays the queue: the lanes still read the entries from the store, in order. A handed-over
    /// notification only spares its first attempt from decoding the stored body (about 60 µs each,
    /// a quarter of the work of a delivery), and one that was not handed over is decoded as usual.
    public nonisolated func submit(_ notifications: [Notification]) {
        guard !notifications.isEmpty else { return }
        Task { await self.take(notifications) }
    }

    private func take(_ notifications: [Notification]) {
        var receivers: Set<String> = []
        for notification in notifications where lanes[notification.receiver] != nil {
            if let only, !only.contains(notification.id) { continue }
            submitted[notification.id] = notification
            receivers.insert(notification.receiver)
        }
        for receiver in receivers { lanes[receiver]?.ring.yield() }
    }

    /// Forgets handed-over notifications of `receiver` that its lane no longer holds while every entry
    /// due is held: their entries were dealt with before they were handed over.
    private func forgetStaleSubmissions(_ receiver: String) {
        let holding = held[receiver, default: []]
        for (id, notification) in submitted where notification.receiver == receiver && !holding.contains(id) {
            submitted[id] = nil
        }
    }

    private func runLane(_ receiver: String, _ lane: Lane) async {
        let concurrency = max(transport.settings(for: receiver)?.concurrency ?? 1, 1)
        let batch = max(2 * concurrency, Self.minimumBatch)
        var timer: Task<Void, Never>?
        // An ending attempt rings the bell too, so its slot is refilled at once.
        for await _ in lane.bell {
            settle(lane.takeFinished())
            if finishing {
                if running[receiver, default: 0] == 0 { break }
                continue
            }
            let free = concurrency - running[receiver, default: 0]
            guard free > 0 else { continue }
            if queued[receiver, default: []].count < free {
                let current = now()
                let fresh = dueEntries(receiver, limit: batch, excluding: held[receiver, default: []], at: current)
                queued[receiver, default: []] += fresh
                held[receiver, default: []].formUnion(fresh.map(\.id))
                if fresh.count < batch {
                    // Every entry due now is held: wake when the next one falls due.
                    timer?.cancel()
                    timer = scheduleWake(lane, receiver: receiver, after: current)
                    if !submitted.isEmpty { forgetStaleSubmissions(receiver) }
                }
            }
            let starting = queued[receiver, default: []].prefix(free)
            queued[receiver]?.removeFirst(starting.count)
            for entry in starting { begin(entry, lane) }
        }
        timer?.cancel()
        // Finished, or cancelled: end the attempts still under way (none when finished), and record how
        // they ended.
        for entry in runningEntries(of: receiver) { inFlight[entry]?.cancel() }
        await lane.untilIdle()
        settle(lane.takeFinished())
    }

    private func runningEntries(of receiver: String) -> [String] {
        held[receiver, default: []].filter { inFlight[$0] != nil }
    }

    private func dueEntries(_ receiver: String, limit: Int, excluding busy: Set<String>, at current: Timestamp) -> [OutboxEntry] {
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

    /// Rings the lane when the earliest entry not due at `current` falls due, or after `pollInterval`
    /// (attempts in flight ring it when they end).
    private func scheduleWake(_ lane: Lane, receiver: String, after current: Timestamp) -> Task<Void, Never> {
        let next: Timestamp?
        if only != nil {
            next = onlyEntries(of: receiver).filter { $0.nextAttemptAt > current }.map(\.nextAttemptAt).min()
        } else {
            next = try? store.nextOutboxAttempt(receiver: receiver, after: current)
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

    /// Starts an attempt at `entry`; its result reaches the lane through `lane`.
    private func begin(_ entry: OutboxEntry, _ lane: Lane) {
        let attempt = entry.attempts + 1
        guard
            let notification = submitted.removeValue(forKey: entry.id)
                ?? (try? StoredJSON.decode(Notification.self, from: entry.body))
        else {
            giveUp(entry, attempts: attempt, reason: "the stored notification cannot be read", notification: nil)
            held[entry.receiver]?.remove(entry.id)
            lane.ring.yield()
            return
        }
        running[entry.receiver, default: 0] += 1
        lane.started()
        inFlight[entry.id] = transport.start(notification, attempt: attempt) { result in
            lane.report(Finished(entry: entry, notification: notification, result: result))
        }
    }

    /// Records how attempts ended: accepted entries wait for their removal, the others are retried later
    /// or given up.
    private func settle(_ results: [Finished]) {
        for finished in results {
            let entry = finished.entry
            running[entry.receiver, default: 1] -= 1
            inFlight[entry.id] = nil
            if let delivered = outcome(finished) {
                accepted.append(Accepted(id: entry.id, receiver: entry.receiver, event: delivered))
            } else {
                held[entry.receiver]?.remove(entry.id)
            }
        }
        if !accepted.isEmpty { removals.ring.yield() }
    }

    /// Removes accepted entries from the outbox whenever there are some, in batches (see
    /// ``removalDelay``), until cancelled.
    @concurrent private nonisolated func runRemovals() async {
        for await _ in removals.bell {
            if await acceptedCount < Self.removalBatch {
                try? await Task.sleep(for: Self.removalDelay)
            }
            await removeAccepted()
        }
    }

    private var acceptedCount: Int { accepted.count }

    /// Removes the accepted entries from the outbox, a batch per transaction, and then reports them.
    /// Runs off the actor, so that attempts go on while a batch is written; what they accept meanwhile
    /// goes in the next batch.
    @concurrent private nonisolated func removeAccepted() async {
        while true {
            let batch = await takeAccepted()
            guard !batch.isEmpty else { return }
            do {
                try store.markDelivered(ids: batch.map(\.id))
                for item in batch { report(item.event) }
                await release(batch, retry: false)
            } catch {
                // The receivers have them; the entries stay and are sent again (at-least-once).
                await release(batch, retry: true)
            }
        }
    }

    private func takeAccepted() -> [Accepted] {
        let batch = Array(accepted.prefix(Self.maximumRemoval))
        accepted.removeFirst(batch.count)
        return batch
    }

    /// Lets the lanes read the entries of `batch` again: they are gone from the outbox, or, with `retry`,
    /// are to be sent again.
    private func release(_ batch: [Accepted], retry: Bool) {
        for item in batch { held[item.receiver]?.remove(item.id) }
        guard retry else { return }
        for receiver in Set(batch.map(\.receiver)) { lanes[receiver]?.ring.yield() }
    }

    /// Records the outcome of an attempt, except a delivery: that is returned, for the entry to be removed
    /// from the outbox with others.
    private func outcome(_ finished: Finished) -> DeliveryEvent? {
        let entry = finished.entry
        let notification = finished.notification
        let attempt = entry.attempts + 1
        let settings = transport.settings(for: entry.receiver)
        let deadline = entry.createdAt + (settings?.maxAge ?? .hours(24))
        switch finished.result {
        case .delivered:
            return DeliveryEvent(notification: notification, outcome: .notified(attempt: attempt))
        case .refused(let reason):
            giveUp(entry, attempts: attempt, reason: reason, notification: notification)
        case .retry(let reason, let retryAfter):
            let current = now()
            if current >= deadline {
                giveUp(entry, attempts: attempt, reason: "gave up at max_age: \(reason)", notification: notification)
                return nil
            }
            let next = policy.nextAttempt(
                afterFailures: attempt, at: current, retryAfter: retryAfter, deadline: deadline, random: random())
            try? store.recordFailedAttempt(id: entry.id, attempts: attempt, error: reason, nextAttemptAt: next)
            report(DeliveryEvent(notification: notification, outcome: .failed(attempt: attempt, error: reason), nextAttemptAt: next))
        }
        return nil
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
