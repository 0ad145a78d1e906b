import GoalWatchCore
import GoalWatchStore

/// Alertmanager's dispatcher as a value: routes alerts into aggregation groups, keeps each group's
/// timer (`group_wait`, then every `group_interval`), and at a group's time decides what its receiver
/// must be told. It does no I/O and reads no clock: callers pass `now`, so every timing rule is testable
/// at its boundary.
///
/// A flush is two steps: ``due(at:context:)`` computes what to send without changing anything, the
/// caller makes it durable, then ``completeFlushes(_:at:delivered:)`` moves the timers on and lets go
/// of resolved alerts that were dealt with.
struct Dispatcher: Sendable {
    /// What one group's flush produced.
    struct Flush: Sendable {
        /// The group's key.
        var groupKey: String
        /// Its route's index.
        var route: Int
        /// The group labels.
        var groupLabels: [String: String]
        /// The receiver of the route.
        var receiver: String
        /// The receiver told when a notification of the route is given up.
        var fallbackReceiver: String?
        /// Why to notify; `nil` when nothing needs to be sent.
        var reason: Notification.Reason?
        /// The alerts to send (silenced and inhibited ones left out; resolved ones left out when the
        /// receiver does not want them), firing first, each part in label order.
        var alerts: [RoutedAlert]
        /// The new notification-log entry, when the log changes.
        var logEntry: NotificationLogEntry?
        /// Fingerprints of the resolved alerts the group held at the flush, let go of once it is durable.
        var resolvedSeen: Set<String>
        /// Whether a time interval muted the whole group.
        var muted: Bool
    }

    /// What a flush consults besides the groups.
    struct Context {
        /// What each receiver was last told, by ``Dispatcher/logKey(groupKey:receiver:)``.
        var log: [String: NotificationLogEntry]
        /// The silences (any state; only active ones mute).
        var silences: [Silence]
        /// Named time intervals.
        var timeIntervals: [String: TimeIntervalSet]
        /// Whether a receiver wants resolved notifications.
        var sendResolved: (String) -> Bool
    }

    let tree: RouteTree
    let inhibitRules: [InhibitRule]
    private(set) var groups: [String: AggregationGroup] = [:]
    /// For each alert, the groups holding it.
    private(set) var membership: [String: Set<String>] = [:]

    init(tree: RouteTree, inhibitRules: [InhibitRule]) {
        self.tree = tree
        self.inhibitRules = inhibitRules
    }

    /// The key of the notification log entry of `groupKey` and `receiver`.
    static func logKey(groupKey: String, receiver: String) -> String { "\(groupKey)\u{0}\(receiver)" }

    /// Takes a new or changed alert into every group of every route that matches it.
    ///
    /// A new group waits `group_wait` before its first flush; an alert that started longer than
    /// `group_wait` ago flushes a group that has not flushed yet at once (as Alertmanager does after a
    /// restart, so old alerts are not held back).
    mutating func receive(_ alert: RoutedAlert, at now: Timestamp) {
        for route in tree.matches(alert.labels) {
            let groupLabels = tree.groupLabels(alert.labels, route: route)
            let key = tree.groupKey(route: route, groupLabels: groupLabels)
            let settings = tree.nodes[route].route
            var group = groups[key]
                ?? AggregationGroup(key: key, route: route, groupLabels: groupLabels, nextFlush: now + settings.groupWait)
            group.alerts[alert.fingerprint] = alert
            if !group.hasFlushed && alert.startsAt + settings.groupWait < now {
                group.nextFlush = min(group.nextFlush, now)
            }
            groups[key] = group
            membership[alert.fingerprint, default: []].insert(key)
        }
    }

    /// The earliest time a group is due, or `nil` when there are no groups.
    var nextDeadline: Timestamp? { groups.values.map(\.nextFlush).min() }

    /// The flushes of every group due at `now`, in group-key order; changes nothing.
    ///
    /// Each flush is worked out when its element is read, so that a caller writing them in chunks has the
    /// first chunk without waiting for the rest: read each element once.
    func due(at now: Timestamp, context: Context) -> DueFlushes {
        let dueGroups = groups.values.filter { $0.nextFlush <= now }.sorted { $0.key < $1.key }
        // Only inhibition needs every firing alert; without rules the scan is skipped.
        let firing = inhibitRules.isEmpty || dueGroups.isEmpty ? [] : uniqueAlerts().filter { !$0.isResolved }
        return DueFlushes(
            tree: tree, groups: dueGroups, now: now, context: context, inhibitor: Inhibitor(rules: inhibitRules, firing: firing))
    }

    /// The groups due at an instant, each read as its ``Flush``.
    struct DueFlushes: RandomAccessCollection {
        fileprivate let tree: RouteTree
        fileprivate let groups: [AggregationGroup]
        fileprivate let now: Timestamp
        fileprivate let context: Context
        fileprivate let inhibitor: Inhibitor

        var startIndex: Int { groups.startIndex }
        var endIndex: Int { groups.endIndex }

        subscript(position: Int) -> Flush {
            Dispatcher.flush(groups[position], tree: tree, at: now, context: context, inhibitor: inhibitor)
        }
    }

    private func uniqueAlerts() -> [RoutedAlert] {
        var seen: [String: RoutedAlert] = [:]
        for group in groups.values {
            for (fingerprint, alert) in group.alerts { seen[fingerprint] = alert }
        }
        return Array(seen.values)
    }

    private static func flush(_ group: AggregationGroup, tree: RouteTree, at now: Timestamp, context: Context, inhibitor: Inhibitor) -> Flush {
        let settings = tree.nodes[group.route].route
        let resolvedSeen = Set(group.alerts.values.filter(\.isResolved).map(\.fingerprint))
        var flush = Flush(
            groupKey: group.key, route: group.route, groupLabels: group.groupLabels, receiver: settings.receiver,
            fallbackReceiver: settings.fallbackReceiver, reason: nil, alerts: [], logEntry: nil,
            resolvedSeen: resolvedSeen, muted: false)
        if isMuted(settings, at: now, intervals: context.timeIntervals) {
            flush.muted = true
            return flush
        }
        let audible = group.alerts.values.filter { alert in
            !inhibitor.mutes(alert.labels, fingerprint: alert.fingerprint)
                && !context.silences.contains { $0.mutes(alert.labels, at: now) }
        }
        let firing = Set(audible.filter { !$0.isResolved }.map(\.fingerprint))
        let resolved = Set(audible.filter(\.isResolved).map(\.fingerprint))
        let sendResolved = context.sendResolved(settings.receiver)
        let last = context.log[Self.logKey(groupKey: group.key, receiver: settings.receiver)]
        guard
            let reason = NotificationDecision.reason(
                firing: firing, resolved: resolved, last: last, sendResolved: sendResolved,
                repeatInterval: settings.repeatInterval, now: now)
        else { return flush }
        flush.reason = reason
        flush.logEntry = NotificationLogEntry(
            groupKey: group.key, receiver: settings.receiver, firing: firing, resolved: sendResolved ? resolved : [],
            notifiedAt: now)
        let ordered = audible.sorted { lhs, rhs in
            if lhs.isResolved != rhs.isResolved { return !lhs.isResolved }
            return Labels(lhs.labels) < Labels(rhs.labels)
        }
        flush.alerts = sendResolved ? ordered : ordered.filter { !$0.isResolved }
        return flush
    }

    private static func isMuted(_ route: AlertRoute, at now: Timestamp, intervals: [String: TimeIntervalSet]) -> Bool {
        if route.muteTimeIntervals.contains(where: { intervals[$0]?.contains(now) ?? false }) { return true }
        if !route.activeTimeIntervals.isEmpty
            && !route.activeTimeIntervals.contains(where: { intervals[$0]?.contains(now) ?? false })
        {
            return true
        }
        return false
    }

    /// Moves the timers of the flushed groups on by their `group_interval` and, when the flushes are
    /// durable (`delivered`) and were not muted, lets go of the resolved alerts they dealt with; groups
    /// left empty end.
    ///
    /// - Returns: fingerprints of alerts no group holds any more (the caller forgets them).
    mutating func completeFlushes(_ flushes: [Flush], at now: Timestamp, delivered: Bool) -> Set<String> {
        var released: Set<String> = []
        for flush in flushes {
            guard var group = groups[flush.groupKey] else { continue }
            group.hasFlushed = true
            group.nextFlush = now + tree.nodes[group.route].route.groupInterval
            // A muted group keeps its resolved alerts: the receiver that was told they fired is told
            // they resolved at the first tick outside the mute (Alertmanager drops them).
            if delivered && !flush.muted {
                for fingerprint in flush.resolvedSeen where group.alerts[fingerprint]?.isResolved == true {
                    group.alerts[fingerprint] = nil
                    membership[fingerprint]?.remove(group.key)
                    if membership[fingerprint]?.isEmpty == true {
                        membership[fingerprint] = nil
                        released.insert(fingerprint)
                    }
                }
            }
            groups[flush.groupKey] = group.alerts.isEmpty ? nil : group
        }
        return released
    }
}
