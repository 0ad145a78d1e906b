/// The settings of one goal that its figures and state depend on (DESIGN §5–6), already resolved:
/// calendar dates turned into instants in the evaluation time zone, percentages into ratios.
///
/// Defaults are those of the rule file: baseline at the period's start, linear pace, 7 days of grace,
/// 95 % minimum compliance, a 14-day forecast window, stale after 2 days, no tolerance, 10 % of the
/// period before behind-pace can hold, and no `unreachable` check.
public struct GoalRules: Sendable, Hashable {
    /// When the goal runs.
    public var period: GoalPeriod
    /// The value to reach, or the bound to stay within.
    public var target: GoalTarget
    /// Where the goal starts from.
    public var baseline: GoalBaseline
    /// How fast the goal is expected to move (reach goals).
    public var pace: GoalPace
    /// How long after the period's end the goal still reports `achieved` or `missed` before it turns `inactive`.
    public var grace: TimeSpan
    /// The share of the period a maintain goal must spend inside its bound to be achieved (0…1).
    public var minCompliance: Double
    /// How far back the forecast's least-squares line looks.
    public var forecastWindow: TimeSpan
    /// How the forecast is made.
    public var forecastMethod: GoalForecastMethod
    /// How old the newest sample may be before the goal is stale.
    public var staleAfter: TimeSpan
    /// How far behind the expected ratio progress may fall before behind-pace holds, as a ratio
    /// (`5%` in a rule file is 0.05 of the way from baseline to target).
    public var behindPaceTolerance: Double
    /// The share of the period that must have elapsed before behind-pace can hold (0…1).
    public var minElapsed: Double
    /// The window the best daily gain is taken from for the `unreachable` condition; `nil` when that
    /// alert is not configured (the condition never holds then).
    public var unreachableWindow: TimeSpan?

    /// Creates the settings; `baseline` defaults to the value at the period's start.
    public init(
        period: GoalPeriod,
        target: GoalTarget,
        baseline: GoalBaseline? = nil,
        pace: GoalPace = .linear,
        grace: TimeSpan = .days(7),
        minCompliance: Double = 0.95,
        forecastWindow: TimeSpan = .days(14),
        forecastMethod: GoalForecastMethod = .linear,
        staleAfter: TimeSpan = .days(2),
        behindPaceTolerance: Double = 0,
        minElapsed: Double = 0.10,
        unreachableWindow: TimeSpan? = nil
    ) {
        self.period = period
        self.target = target
        self.baseline = baseline ?? .at(period.start)
        self.pace = pace
        self.grace = grace
        self.minCompliance = minCompliance
        self.forecastWindow = forecastWindow
        self.forecastMethod = forecastMethod
        self.staleAfter = staleAfter
        self.behindPaceTolerance = behindPaceTolerance
        self.minElapsed = minElapsed
        self.unreachableWindow = unreachableWindow
    }
}
