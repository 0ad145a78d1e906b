import GoalWatchCore
import GoalWatchStore

@testable import GoalWatchNotify

/// Drives a ``Dispatcher`` the way the router does, keeping the notification log in memory.
struct DispatcherHarness {
    var dispatcher: Dispatcher
    var log: [String: NotificationLogEntry] = [:]
    var silences: [Silence] = []
    var timeIntervals: [String: TimeIntervalSet] = [:]
    var sendResolved = true

    init(_ route: AlertRoute, inhibitRules: [InhibitRule] = []) {
        dispatcher = Dispatcher(tree: RouteTree(root: route), inhibitRules: inhibitRules)
    }

    mutating func receive(_ alert: RoutedAlert, at seconds: Int64) {
        dispatcher.receive(alert, at: at(seconds))
    }

    /// Flushes what is due at `seconds` and returns the notifications made: (receiver, reason, alert names with status).
    mutating func flush(at seconds: Int64) -> [Dispatcher.Flush] {
        let sendResolved = self.sendResolved
        let context = Dispatcher.Context(
            log: log, silences: silences, timeIntervals: timeIntervals, sendResolved: { _ in sendResolved })
        let flushes = Array(dispatcher.due(at: at(seconds), context: context))
        for flush in flushes {
            if let entry = flush.logEntry { log[Dispatcher.logKey(groupKey: entry.groupKey, receiver: entry.receiver)] = entry }
        }
        _ = dispatcher.completeFlushes(flushes, at: at(seconds), delivered: true)
        return flushes.filter { $0.reason != nil }
    }
}

/// The test epoch's second of the (UTC) day: 2026-09-21 14:13:20.
let epochSecondOfDay: Int64 = 51_200

/// The instant `seconds` after the test epoch.
func at(_ seconds: Int64) -> Timestamp { Timestamp(milliseconds: 1_790_000_000_000 + seconds * 1000) }

/// A firing alert named `name` with `labels`, started at `startedAt` seconds.
func firing(_ name: String, _ labels: [String: String] = [:], startedAt: Int64 = 0, value: Double = 1) -> RoutedAlert {
    RoutedAlert(
        labels: labels.merging(["alertname": name]) { _, new in new }, annotations: [:], startsAt: at(startedAt),
        value: value, updatedAt: at(startedAt))
}

/// `alert`, resolved at `seconds`.
func resolved(_ alert: RoutedAlert, at seconds: Int64) -> RoutedAlert {
    var copy = alert
    copy.endsAt = at(seconds)
    copy.updatedAt = at(seconds)
    return copy
}

func matchers(_ text: String) -> [AlertMatcher] {
    (try? AlertMatcher.parseList(text)) ?? []
}

extension Dispatcher.Flush {
    /// `alertname/status` of each alert sent, in order.
    var summary: [String] { alerts.map { "\($0.labels["alertname"] ?? "")/\($0.isResolved ? "resolved" : "firing")" } }
}
