import Foundation
import GoalWatchCore
import GoalWatchStore

/// The alerting pipeline between the rule engine and the outbox: records each evaluation's alerts
/// durably, groups them by route, and at each group's time puts the notifications due in the outbox.
///
/// Everything it decides is first written to the store: an evaluation's transitions together with the
/// engine's alert states, a flush's notifications together with the notification log. After a restart it
/// rebuilds its groups from the store, so no notification is lost or sent as new again.
public actor AlertRouter {
    private let store: MetricStore
    private var dispatcher: Dispatcher?
    private var recorder: AlertRecorder
    private var alerts: [String: RoutedAlert] = [:]
    private var log: [String: NotificationLogEntry] = [:]
    private var timeIntervals: [String: TimeIntervalSet] = [:]
    private var sendResolved: [String: Bool] = [:]
    private var externalURL: String?
    private let makeID: @Sendable () -> String
    private let onTransition: @Sendable (AlertTransition) -> Void
    private let onNotifications: @Sendable ([Notification]) -> Void

    /// Opens the router on `store`, restoring its alerts, groups and notification log.
    ///
    /// - Parameters:
    ///   - alerting: the routing tree, inhibition rules and time intervals; without a route, alerts are
    ///     recorded but nothing is sent.
    ///   - receivers: the configured receivers (for their `send_resolved`).
    ///   - externalURL: the dashboard's base address, for links in payloads.
    ///   - now: the time restored alerts are taken in at.
    ///   - makeID: makes notification ids (UUIDs by default).
    ///   - onTransition: told of every transition once it is durable (the daemon writes it to journald).
    ///   - onNotifications: told of the notifications of every flush once they are in the outbox (the
    ///     daemon hands them to ``OutboxWorker/submit(_:)``).
    public init(
        store: MetricStore, alerting: AlertingConfiguration, receivers: [ReceiverConfiguration], externalURL: String? = nil,
        now: Timestamp, makeID: @escaping @Sendable () -> String = NotificationID.make,
        onTransition: @escaping @Sendable (AlertTransition) -> Void = { _ in },
        onNotifications: @escaping @Sendable ([Notification]) -> Void = { _ in }
    ) throws {
        self.store = store
        self.onTransition = onTransition
        self.onNotifications = onNotifications
        self.externalURL = externalURL
        self.makeID = makeID
        recorder = AlertRecorder(persisted: try store.alertStates())
        for record in try store.routerAlerts() {
            alerts[record.fingerprint] = try StoredJSON.decode(RoutedAlert.self, from: record.body)
        }
        for entry in try store.notificationLog() {
            log[Dispatcher.logKey(groupKey: entry.groupKey, receiver: entry.receiver)] = entry
        }
        let dispatcher = Self.dispatcher(alerting: alerting, alerts: alerts.values, at: now)
        self.dispatcher = dispatcher
        timeIntervals = alerting.timeIntervals
        sendResolved = Self.sendResolved(receivers)
    }

    private static func dispatcher(alerting: AlertingConfiguration, alerts: some Sequence<RoutedAlert>, at now: Timestamp) -> Dispatcher? {
        guard let route = alerting.route else { return nil }
        var dispatcher = Dispatcher(tree: RouteTree(root: route), inhibitRules: alerting.inhibitRules)
        // Firing before resolved, oldest first: groups form as they did before the restart.
        for alert in alerts.sorted(by: { ($0.isResolved ? 1 : 0, $0.startsAt, $0.fingerprint) < ($1.isResolved ? 1 : 0, $1.startsAt, $1.fingerprint) }) {
            dispatcher.receive(alert, at: now)
        }
        return dispatcher
    }

    private static func sendResolved(_ receivers: [ReceiverConfiguration]) -> [String: Bool] {
        Dictionary(receivers.map { ($0.name, $0.delivery.sendResolved) }, uniquingKeysWith: { first, _ in first })
    }

    /// Takes a new configuration: groups are formed again under the new routes (their timers start over,
    /// as in Alertmanager); what receivers were told is kept. Notifications written from now on link the
    /// dashboard at `externalURL`.
    public func reload(alerting: AlertingConfiguration, receivers: [ReceiverConfiguration], externalURL: String?, at now: Timestamp) {
        self.externalURL = externalURL
        dispatcher = Self.dispatcher(alerting: alerting, alerts: alerts.values, at: now)
        timeIntervals = alerting.timeIntervals
        sendResolved = Self.sendResolved(receivers)
    }

    /// The engine's alerts as last recorded, for ``RuleEngine/restore(_:)`` after a restart.
    public func restoredEngineAlerts() throws -> [ActiveAlert] {
        try recorder.persisted.keys.sorted().compactMap { key in
            try recorder.persisted[key].map { try StoredJSON.decode(ActiveAlert.self, from: $0) }
        }
    }

    /// From how many alerts (engine states and transitions together) ``record(_:active:at:)`` splits its
    /// work over two threads.
    static let parallelRecord = 512

    /// Records an evaluation: the engine's alerts `active` after it and the transitions of `cycle`, in
    /// one transaction, then routes the firing and resolved alerts into their groups.
    ///
    /// For a burst (``parallelRecord`` alerts or more) the engine's states are encoded beside the router's
    /// alerts, and the alerts are routed (into a copy of the groups, taken only once the write succeeded)
    /// beside the store's write: see ``SideBySide``.
    public func record(_ cycle: EvaluationCycle, active: [ActiveAlert], at now: Timestamp) throws {
        let recorder = self.recorder
        let known = alerts
        let routes = dispatcher != nil
        // Two threads are worth it for a burst, not for an evaluation that changed a few alerts.
        let parallel = active.count + cycle.transitions.count >= Self.parallelRecord
        let (states, (routed, alertChanges)) = try SideBySide.run(
            parallel: parallel,
            {
                var next = recorder
                var change = AlertingChange()
                try next.stateChanges(active, into: &change)
                return (next, change)
            },
            { try Self.routedAlerts(cycle, known: known, routes: routes, at: now) })
        var combined = states.1
        combined.savedAlerts = alertChanges.savedAlerts
        combined.deletedAlerts = alertChanges.deletedAlerts
        let change = combined
        if parallel {
            let current = dispatcher
            let (_, routedDispatcher) = try SideBySide.run(
                { try self.store.apply(change) },
                {
                    guard var next = current else { return current }
                    for alert in routed { next.receive(alert, at: now) }
                    return next
                })
            dispatcher = routedDispatcher
        } else {
            // In place: a copy of every group for a few alerts would cost more than routing them.
            try store.apply(change)
            for alert in routed { dispatcher?.receive(alert, at: now) }
        }
        self.recorder = states.0
        for transition in cycle.transitions { onTransition(transition) }
        for alert in routed {
            alerts[alert.fingerprint] = routes || !alert.isResolved ? alert : nil
        }
    }

    /// The router alerts the transitions of `cycle` make, and the rows that record them. A resolved
    /// alert keeps the goal block it fired with; without a route, a resolved alert is forgotten at once
    /// (no route will ever tell its resolution).
    private static func routedAlerts(
        _ cycle: EvaluationCycle, known: [String: RoutedAlert], routes: Bool, at now: Timestamp
    ) throws -> ([RoutedAlert], AlertingChange) {
        var change = AlertingChange()
        var routed: [RoutedAlert] = []
        routed.reserveCapacity(cycle.transitions.count)
        change.savedAlerts.reserveCapacity(cycle.transitions.count)
        for transition in cycle.transitions {
            guard var alert = AlertRecorder.routedAlert(transition, goals: cycle.goals, at: now) else { continue }
            if alert.isResolved, alert.goal == nil { alert.goal = known[alert.fingerprint]?.goal }
            routed.append(alert)
            if !routes && alert.isResolved {
                change.deletedAlerts.append(alert.fingerprint)
                continue
            }
            change.savedAlerts.append(RouterAlertRecord(
                fingerprint: alert.fingerprint, body: try StoredJSON.text(alert), resolvedAt: alert.endsAt))
        }
        // In key order: a burst's rows then go into the table's B-tree side by side instead of each
        // landing on a page of its own.
        change.savedAlerts.sort { $0.fingerprint < $1.fingerprint }
        return (routed, change)
    }

    /// Forgets the notification-log entries whose last notification, made before `cutoff`, told the
    /// receiver that every alert of its group had resolved: such a group is gone, and should its alerts
    /// fire again they make a first notification with or without the entry. Without this the log would
    /// keep an entry for every group there ever was. Alertmanager likewise drops its notification log
    /// entries after `--data.retention` (120 h).
    ///
    /// - Returns: how many entries were forgotten.
    @discardableResult
    public func forgetResolvedGroups(notifiedBefore cutoff: Timestamp) throws -> Int {
        let stale = log.filter { $0.value.firing.isEmpty && $0.value.notifiedAt < cutoff }
        guard !stale.isEmpty else { return 0 }
        var change = AlertingChange()
        change.deletedLogEntries = stale.values
            .map { NotificationLogKey(groupKey: $0.groupKey, receiver: $0.receiver) }
            .sorted { ($0.groupKey, $0.receiver) < ($1.groupKey, $1.receiver) }
        try store.apply(change)
        for key in stale.keys { log[key] = nil }
        return stale.count
    }

    /// The earliest time a group is due, or `nil` when no group waits.
    public var nextDeadline: Timestamp? { dispatcher?.nextDeadline }

    /// How many groups' flushes are written per transaction.
    static let flushChunk = 500

    /// Flushes every group due at `now`: the notifications it calls for go into the outbox together with
    /// their notification log entries, a transaction per ``flushChunk`` groups, and each transaction's
    /// notifications are handed over once it is committed. While one chunk is written, the next is
    /// encoded beside it. When a write (or an encoding) fails, the groups not yet written are flushed
    /// again at their next tick, and the error is thrown.
    ///
    /// - Returns: the outbox entries written, for the delivery worker.
    @discardableResult
    public func flush(at now: Timestamp) throws -> [OutboxEntry] {
        guard var dispatcher, let deadline = dispatcher.nextDeadline, deadline <= now else { return [] }
        let silences = try SilenceBook(store: store).all()
        let sendResolved = self.sendResolved
        let context = Dispatcher.Context(
            log: log, silences: silences, timeIntervals: timeIntervals,
            sendResolved: { sendResolved[$0] ?? true })
        let due = dispatcher.due(at: now, context: context)
        guard !due.isEmpty else { return [] }
        var written: [OutboxEntry] = []
        var released: Set<String> = []
        var failure: (any Error)?
        let store = self.store
        let encoding = FlushEncoding(makeID: makeID, externalURL: externalURL, at: now)
        // In chunks, each committed (notifications with their log entries) and handed over before the
        // next is written: delivery of a burst starts while the rest of it is still being written.
        var chunk = Array(due.prefix(Self.flushChunk))
        var encoded = Result { try encoding.encode(chunk) }
        var start = due.startIndex
        while !chunk.isEmpty {
            let end = start + chunk.count
            let following = Array(due[end..<min(end + Self.flushChunk, due.endIndex)])
            let current = encoded
            let (applied, next) = try SideBySide.run(
                parallel: !following.isEmpty,
                { () -> Result<FlushEncoding.Chunk, any Error> in
                    Result { try current.get() }.flatMap { encoded in Result { try store.apply(encoded.change) }.map { encoded } }
                },
                { Result { try encoding.encode(following) } })
            let done: FlushEncoding.Chunk
            do {
                done = try applied.get()
            } catch {
                // This chunk and the rest are flushed again at their groups' next tick.
                _ = dispatcher.completeFlushes(chunk + Array(due[end...]), at: now, delivered: false)
                failure = error
                break
            }
            for entry in done.change.logEntries {
                log[Dispatcher.logKey(groupKey: entry.groupKey, receiver: entry.receiver)] = entry
            }
            released.formUnion(dispatcher.completeFlushes(chunk, at: now, delivered: true))
            if !done.notifications.isEmpty { onNotifications(done.notifications) }
            written += done.change.notifications
            chunk = following
            encoded = next
            start = end
        }
        self.dispatcher = dispatcher
        if !released.isEmpty {
            var cleanup = AlertingChange()
            cleanup.deletedAlerts = released.sorted()
            for fingerprint in released { alerts[fingerprint] = nil }
            try store.apply(cleanup)
        }
        if let failure { throw failure }
        return written
    }
}
