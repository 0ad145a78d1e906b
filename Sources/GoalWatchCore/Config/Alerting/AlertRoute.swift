/// A node of the routing tree (`alerting.route` and its `routes:`), with Alertmanager's semantics.
///
/// Values a route does not set are inherited from its parent, already resolved here: ``receiver``,
/// ``groupBy``, the three intervals and ``fallbackReceiver``. The time intervals are not inherited,
/// as in Alertmanager. An alert enters the first child whose ``matchers`` all match, and goes on to
/// later siblings only when that child has ``continueMatching`` set; an alert no child takes stays
/// with the route itself.
public struct AlertRoute: Sendable, Hashable {
    /// The receiver that notifications of this route go to.
    public var receiver: String
    /// The conditions an alert must meet to enter the route, sorted as Alertmanager sorts them
    /// (``AlertMatcher/<(_:_:)``); empty for the root, which takes every alert.
    public var matchers: [AlertMatcher]
    /// `continue`: after matching this route, whether an alert is also tried on the following siblings.
    public var continueMatching: Bool
    /// The labels alerts are grouped by into notifications.
    public var groupBy: GroupBy
    /// How long a new group waits for more alerts before its first notification. Default 30s.
    public var groupWait: TimeSpan
    /// How long a group waits before notifying about alerts added to it or resolved. Default 5m.
    public var groupInterval: TimeSpan
    /// How long a group waits before notifying again about unchanged firing alerts. Default 4h.
    public var repeatInterval: TimeSpan
    /// Names of time intervals (``AlertingConfiguration/timeIntervals``) during which the route sends nothing.
    public var muteTimeIntervals: [String]
    /// Names of time intervals outside of which the route sends nothing; empty: always active.
    public var activeTimeIntervals: [String]
    /// The receiver told when a notification of this route is given up on (dead-lettered); `nil`: none.
    public var fallbackReceiver: String?
    /// The child routes, in file order.
    public var routes: [AlertRoute]

    /// Default ``groupWait``: 30 seconds.
    public static let defaultGroupWait = TimeSpan.seconds(30)
    /// Default ``groupInterval``: 5 minutes.
    public static let defaultGroupInterval = TimeSpan.minutes(5)
    /// Default ``repeatInterval``: 4 hours.
    public static let defaultRepeatInterval = TimeSpan.hours(4)

    /// Creates a route; the defaults are those of a root route.
    public init(
        receiver: String,
        matchers: [AlertMatcher] = [],
        continueMatching: Bool = false,
        groupBy: GroupBy = .labels([]),
        groupWait: TimeSpan = AlertRoute.defaultGroupWait,
        groupInterval: TimeSpan = AlertRoute.defaultGroupInterval,
        repeatInterval: TimeSpan = AlertRoute.defaultRepeatInterval,
        muteTimeIntervals: [String] = [],
        activeTimeIntervals: [String] = [],
        fallbackReceiver: String? = nil,
        routes: [AlertRoute] = []
    ) {
        self.receiver = receiver
        self.matchers = matchers
        self.continueMatching = continueMatching
        self.groupBy = groupBy
        self.groupWait = groupWait
        self.groupInterval = groupInterval
        self.repeatInterval = repeatInterval
        self.muteTimeIntervals = muteTimeIntervals
        self.activeTimeIntervals = activeTimeIntervals
        self.fallbackReceiver = fallbackReceiver
        self.routes = routes
    }

    /// Whether an alert with `labels` meets all of the route's matchers (the route's own condition;
    /// its parent's is not checked).
    public func matches(_ labels: [String: String]) -> Bool {
        matchers.allSatisfy { $0.matches(labels) }
    }
}

/// How a route groups alerts into notifications (`group_by`).
public enum GroupBy: Sendable, Hashable {
    /// By these labels: alerts with the same values of all of them share a group. Empty: one group
    /// for the whole route.
    case labels([String])
    /// `group_by: ['...']`: by every label, so each alert is its own group.
    case all
}
