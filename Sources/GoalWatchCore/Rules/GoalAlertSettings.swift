/// The settings of one alert a goal raises (an entry of the goal's `alerts:`). Each kind accepts only
/// the keys that mean something for it; the others keep their defaults.
public struct GoalAlertSettings: Sendable, Hashable {
    /// How long the condition must hold before the alert fires (`for`): behind_pace, forecast_miss,
    /// unreachable and breach. Zero fires at once.
    public var holdDuration: TimeSpan
    /// The alert's `severity` label, when set here (it wins over the goal's labels).
    public var severity: String?
    /// Labels added to this alert only.
    public var labels: [String: String]
    /// behind_pace: how far behind the expected share progress may fall before the alert fires,
    /// as a share of the way from baseline to target (`5%` is 0.05). Default 0.
    public var tolerance: Double
    /// behind_pace: the share of the period that must have passed before the alert can fire
    /// (`min_elapsed`). Default 0.10.
    public var minElapsed: Double
    /// forecast_miss: the history the forecast is fitted over (default 14d); unreachable: the history
    /// the best daily gain is taken from (default 30d); `nil` for other kinds.
    public var window: TimeSpan?
    /// stale: how old the newest sample may be before the goal counts as stale (default 2d); `nil`
    /// for other kinds.
    public var after: TimeSpan?

    /// Creates settings; ``defaults(for:)`` gives each kind's defaults.
    public init(
        holdDuration: TimeSpan = TimeSpan(milliseconds: 0), severity: String? = nil, labels: [String: String] = [:],
        tolerance: Double = 0, minElapsed: Double = 0.10, window: TimeSpan? = nil, after: TimeSpan? = nil
    ) {
        self.holdDuration = holdDuration
        self.severity = severity
        self.labels = labels
        self.tolerance = tolerance
        self.minElapsed = minElapsed
        self.window = window
        self.after = after
    }

    /// The settings an alert of `kind` has when its entry is empty (`achieved: {}`).
    public static func defaults(for kind: GoalAlertKind) -> GoalAlertSettings {
        switch kind {
        case .forecastMiss: return GoalAlertSettings(window: .days(14))
        case .unreachable: return GoalAlertSettings(window: .days(30))
        case .stale: return GoalAlertSettings(after: .days(2))
        case .behindPace, .achieved, .missed, .breach: return GoalAlertSettings()
        }
    }

    /// The keys an entry of `kind` accepts, in the order messages list them.
    public static func allowedKeys(for kind: GoalAlertKind) -> [String] {
        switch kind {
        case .behindPace: return ["for", "severity", "labels", "tolerance", "min_elapsed"]
        case .forecastMiss, .unreachable: return ["for", "severity", "labels", "window"]
        case .breach: return ["for", "severity", "labels"]
        case .stale: return ["severity", "labels", "after"]
        case .achieved, .missed: return ["severity", "labels"]
        }
    }
}
