import GoalWatchCore

/// One alert as the router holds it: firing, or resolved until every group it belongs to has said so.
///
/// Stored in the router's table as JSON, so groups are rebuilt after a restart.
public struct RoutedAlert: Sendable, Hashable, Codable {
    /// The alert's labels, including `alertname`.
    public var labels: [String: String]
    /// Its annotations as last rendered.
    public var annotations: [String: String]
    /// When its condition started to hold.
    public var startsAt: Timestamp
    /// When it resolved; `nil` while it fires.
    public var endsAt: Timestamp?
    /// The expression's value at the last evaluation where the condition held.
    public var value: Double
    /// The stable identity of its label set, 16 hex digits.
    public var fingerprint: String
    /// The goal's figures, when a goal raised it.
    public var goal: NotifiedGoal?
    /// When the router last received a change of it.
    public var updatedAt: Timestamp

    /// Creates a routed alert; the fingerprint is that of `labels`.
    public init(
        labels: [String: String], annotations: [String: String], startsAt: Timestamp, endsAt: Timestamp? = nil,
        value: Double, goal: NotifiedGoal? = nil, updatedAt: Timestamp
    ) {
        self.labels = labels
        self.annotations = annotations
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.value = value
        self.fingerprint = Self.fingerprint(of: labels)
        self.goal = goal
        self.updatedAt = updatedAt
    }

    /// Whether the alert has resolved.
    public var isResolved: Bool { endsAt != nil }

    /// The alert as a notification reports it.
    public var notified: NotifiedAlert {
        NotifiedAlert(
            status: isResolved ? .resolved : .firing, labels: labels, annotations: annotations, startsAt: startsAt,
            endsAt: endsAt, value: value, fingerprint: fingerprint, goal: goal)
    }

    /// The 16 lower-case hex digits of the label set's fingerprint.
    public static func fingerprint(of labels: [String: String]) -> String {
        let hex = String(Labels(labels).fingerprint, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
