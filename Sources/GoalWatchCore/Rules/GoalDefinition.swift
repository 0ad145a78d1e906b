/// A SMART goal as written under `goals:` (DESIGN §5–6), validated, with defaults applied.
///
/// A reach goal moves its metric from a baseline to a target over its period; a maintain goal
/// (`target: "<= 60"`) keeps it within a bound for the whole period. ``target`` tells which.
public struct GoalDefinition: Sendable {
    /// The goal's name, unique among all rule files; the `goal` label of its alerts and series.
    public var name: String
    /// What the goal is about, for people.
    public var description: String?
    /// The expression whose value the goal follows; it yields an instant vector (one goal per series)
    /// or a scalar.
    public var metric: PromQL.Expression
    /// The metric as written in the file.
    public var metricText: String
    /// Where progress is measured from; by default the metric's value at the period's start.
    /// Maintain goals have no baseline of their own and keep the default.
    public var baseline: GoalBaseline
    /// The value to reach or the bound to stay within.
    public var target: GoalTarget
    /// The span the goal runs over, in the evaluation time zone.
    public var period: GoalPeriod
    /// How fast progress is expected (reach goals); linear by default.
    public var pace: GoalPace
    /// Labels added to the goal's alerts and recorded series.
    public var labels: [String: String]
    /// Annotations of the goal's alerts, rendered per alert.
    public var annotations: [String: AlertTemplate]
    /// How long after the period's end the goal stays missed or achieved before it becomes inactive.
    /// Default 7d.
    public var grace: TimeSpan
    /// Maintain goals: the share of the period the value must have been within its bound for the goal
    /// to count as achieved (`min_compliance`). Default 0.95.
    public var minCompliance: Double
    /// The history the forecast at the period's end is fitted over (`alerts.forecast_miss.window`);
    /// the forecast is computed whether or not that alert is on. Default 14d.
    public var forecastWindow: TimeSpan
    /// How the forecast is made (`forecast:`).
    public var forecastMethod: GoalForecastMethod
    /// How old the metric's newest sample may be before the goal is stale (`alerts.stale.after`).
    /// Default 2d.
    public var staleAfter: TimeSpan
    /// The alerts the goal raises, each with its settings; kinds not listed raise nothing.
    public var alerts: [GoalAlertKind: GoalAlertSettings]
    /// Where the goal starts in its file.
    public var location: SourceLocation

    /// Creates a goal.
    public init(
        name: String, description: String? = nil, metric: PromQL.Expression, metricText: String,
        baseline: GoalBaseline? = nil, target: GoalTarget, period: GoalPeriod, pace: GoalPace = .linear,
        labels: [String: String] = [:], annotations: [String: AlertTemplate] = [:], grace: TimeSpan = .days(7),
        minCompliance: Double = 0.95, forecastWindow: TimeSpan = .days(14), forecastMethod: GoalForecastMethod = .linear, staleAfter: TimeSpan = .days(2),
        alerts: [GoalAlertKind: GoalAlertSettings] = [:], location: SourceLocation
    ) {
        self.name = name
        self.description = description
        self.metric = metric
        self.metricText = metricText
        self.baseline = baseline ?? .at(period.start)
        self.target = target
        self.period = period
        self.pace = pace
        self.labels = labels
        self.annotations = annotations
        self.grace = grace
        self.minCompliance = minCompliance
        self.forecastWindow = forecastWindow
        self.forecastMethod = forecastMethod
        self.staleAfter = staleAfter
        self.alerts = alerts
        self.location = location
    }

    /// Whether this is a maintain goal (a bound to stay within) rather than a value to reach.
    public var isMaintain: Bool { target.isMaintain }
}
