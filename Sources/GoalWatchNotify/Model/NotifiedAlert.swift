import GoalWatchCore

/// One alert as a notification reports it.
public struct NotifiedAlert: Sendable, Hashable, Codable {
    /// Firing or resolved (``Notification/Status`` applies per alert too).
    public var status: Notification.Status
    /// The alert's labels, including `alertname`.
    public var labels: [String: String]
    /// Its annotations, rendered at its last evaluation.
    public var annotations: [String: String]
    /// When its condition started to hold.
    public var startsAt: Timestamp
    /// When it resolved; `nil` while it fires.
    public var endsAt: Timestamp?
    /// The expression's value at the last evaluation where the condition held.
    public var value: Double
    /// The stable identity of its label set, 16 hex digits.
    public var fingerprint: String
    /// The goal's figures, when a goal raised the alert.
    public var goal: NotifiedGoal?
    /// A link to what raised the alert (Alertmanager's `generatorURL`), when there is one.
    public var generatorURL: String?

    /// Creates an alert of a notification.
    public init(
        status: Notification.Status,
        labels: [String: String],
        annotations: [String: String],
        startsAt: Timestamp,
        endsAt: Timestamp? = nil,
        value: Double,
        fingerprint: String,
        goal: NotifiedGoal? = nil,
        generatorURL: String? = nil
    ) {
        self.status = status
        self.labels = labels
        self.annotations = annotations
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.value = value
        self.fingerprint = fingerprint
        self.goal = goal
        self.generatorURL = generatorURL
    }

    /// The alert's name (its `alertname` label), or an empty string.
    public var name: String { labels["alertname"] ?? "" }
}

/// A goal's figures at the time an alert of the goal was last evaluated (DESIGN §6).
public struct NotifiedGoal: Sendable, Hashable, Codable {
    /// The goal's name.
    public var name: String
    /// The goal's state (`on_track`, `behind`, `at_risk`, …).
    public var state: String
    /// The current value.
    public var value: Double?
    /// The baseline value.
    public var baseline: Double?
    /// The absolute target.
    public var target: Double?
    /// Share of the way from baseline to target covered (reach goals).
    public var progressRatio: Double?
    /// Share of the way the pace expects covered by now (reach goals).
    public var expectedRatio: Double?
    /// The forecast value at the deadline.
    public var forecastValue: Double?
    /// The change per day still needed (reach goals).
    public var requiredRate: Double?
    /// The end of the goal's period.
    public var deadline: Timestamp?

    /// Creates a goal block.
    public init(
        name: String,
        state: String,
        value: Double? = nil,
        baseline: Double? = nil,
        target: Double? = nil,
        progressRatio: Double? = nil,
        expectedRatio: Double? = nil,
        forecastValue: Double? = nil,
        requiredRate: Double? = nil,
        deadline: Timestamp? = nil
    ) {
        self.name = name
        self.state = state
        self.value = value
        self.baseline = baseline
        self.target = target
        self.progressRatio = progressRatio
        self.expectedRatio = expectedRatio
        self.forecastValue = forecastValue
        self.requiredRate = requiredRate
        self.deadline = deadline
    }
}
