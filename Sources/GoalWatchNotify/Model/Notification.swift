import GoalWatchCore

/// One message to one receiver about one aggregation group: what the router puts in the outbox and
/// what the payload renderers turn into a request.
///
/// Stored in the outbox as JSON before its first delivery attempt and rendered again at every attempt,
/// so a retry sends the same body and the same `Idempotency-Key` (``id``).
public struct Notification: Sendable, Hashable, Codable {
    /// Whether the group still has firing alerts.
    public enum Status: String, Sendable, Hashable, Codable {
        /// At least one alert of the group fires.
        case firing
        /// Every alert of the group has resolved.
        case resolved
    }

    /// Why the notification was sent: Alertmanager's `notification_reason` values.
    public enum Reason: String, Sendable, Hashable, Codable {
        /// The group's first notification.
        case firstNotification = "first notification"
        /// Alerts joined a group that was already notified.
        case newAlertsAdded = "new alerts added"
        /// Some alerts of the group resolved, others still fire.
        case someAlertsResolved = "some alerts resolved"
        /// Every alert of the group resolved.
        case allAlertsResolved = "all alerts resolved"
        /// Nothing changed, but `repeat_interval` has passed since the last notification.
        case repeatIntervalElapsed = "repeat interval elapsed"
        /// A test sent by `goalwatch notify`.
        case test = "test notification"
    }

    /// Stable per notification (a UUID); sent as `Idempotency-Key` on every attempt.
    public var id: String
    /// The receiver's name in the configuration.
    public var receiver: String
    /// The aggregation group's key: the route's matchers and the group labels, as Alertmanager writes it
    /// (`{}/{team="care"}:{alertname="FirstResponseSlow"}`).
    public var groupKey: String
    /// The labels the group was formed by (`group_by`).
    public var groupLabels: [String: String]
    /// Firing or resolved.
    public var status: Status
    /// Why it was sent.
    public var reason: Reason
    /// The group's alerts at the time the notification was made, firing ones first.
    public var alerts: [NotifiedAlert]
    /// When the notification was made.
    public var createdAt: Timestamp
    /// The base address of the dashboard when the HTTP API is on, for links.
    public var externalURL: String?

    /// Creates a notification.
    public init(
        id: String,
        receiver: String,
        groupKey: String,
        groupLabels: [String: String],
        status: Status,
        reason: Reason,
        alerts: [NotifiedAlert],
        createdAt: Timestamp,
        externalURL: String? = nil
    ) {
        self.id = id
        self.receiver = receiver
        self.groupKey = groupKey
        self.groupLabels = groupLabels
        self.status = status
        self.reason = reason
        self.alerts = alerts
        self.createdAt = createdAt
        self.externalURL = externalURL
    }

    /// The labels every alert of the notification shares, with the same value.
    public var commonLabels: [String: String] {
        Self.common(alerts.map(\.labels))
    }

    /// The annotations every alert of the notification shares, with the same value.
    public var commonAnnotations: [String: String] {
        Self.common(alerts.map(\.annotations))
    }

    /// The alerts that fire.
    public var firingAlerts: [NotifiedAlert] { alerts.filter { $0.status == .firing } }

    /// The alerts that have resolved.
    public var resolvedAlerts: [NotifiedAlert] { alerts.filter { $0.status == .resolved } }

    private static func common(_ maps: [[String: String]]) -> [String: String] {
        guard var common = maps.first else { return [:] }
        // A notification of one alert (a group per alert) shares all of it.
        guard maps.count > 1 else { return common }
        for map in maps.dropFirst() {
            common = common.filter { map[$0.key] == $0.value }
        }
        return common
    }
}
