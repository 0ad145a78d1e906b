import GoalWatchCore

/// The alerts of one route that share the route's `group_by` labels, and when they are next looked at.
struct AggregationGroup: Sendable {
    /// The group's key (route key and group labels).
    let key: String
    /// The index of its route in the ``RouteTree``.
    let route: Int
    /// The labels it is grouped by.
    let groupLabels: [String: String]
    /// Its alerts by fingerprint.
    var alerts: [String: RoutedAlert] = [:]
    /// When it is next flushed.
    var nextFlush: Timestamp
    /// Whether it has been flushed at least once (then it ticks every `group_interval`).
    var hasFlushed = false
}
