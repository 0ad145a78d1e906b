/// Where one goal series stands at one instant: every figure of DESIGN §6, the state, and the alert
/// conditions that hold (before any `for:` delay is applied).
///
/// Figures that cannot be computed are `nil`: no data yet, a relative target without a baseline, a
/// figure that does not apply to the goal's kind (progress for a maintain goal), or no time left.
public struct GoalAssessment: Sendable, Hashable, Codable {
    /// The first state of DESIGN §6 that applies.
    public var state: GoalState
    /// V: the last sample at or before the instant assessed.
    public var value: Double?
    /// B: the baseline value.
    public var baseline: Double?
    /// T: the absolute target after resolving a relative (`+20%`) or delta (`+2400`) target against the
    /// baseline; for maintain goals, the bound.
    public var target: Double?
    /// (V − B) / (T − B): 0 at the baseline, 1 at the target (reach goals).
    public var progressRatio: Double?
    /// The share of the way the pace expects covered by now (reach goals).
    public var expectedRatio: Double?
    /// The least-squares line over the forecast window, evaluated at the period's end (every goal).
    public var forecastValue: Double?
    /// (T − V) per day left in the period: the change per day still needed (reach goals; `nil` from the end on).
    public var requiredRate: Double?
    /// The share of the period so far spent inside the bound (maintain goals).
    public var complianceRatio: Double?
    /// Days (of 86,400 wall-clock seconds) from the instant assessed to the period's end; never negative.
    public var remainingDays: Double
    /// When a reach goal first reached its target within its period; a reached goal stays achieved.
    public var reachedAt: Timestamp?
    /// The alert conditions that hold now. Empty for inactive goals.
    public var conditions: Set<GoalAlertKind>

    /// Creates an assessment from its parts.
    public init(
        state: GoalState,
        value: Double? = nil,
        baseline: Double? = nil,
        target: Double? = nil,
        progressRatio: Double? = nil,
        expectedRatio: Double? = nil,
        forecastValue: Double? = nil,
        requiredRate: Double? = nil,
        complianceRatio: Double? = nil,
        remainingDays: Double,
        reachedAt: Timestamp? = nil,
        conditions: Set<GoalAlertKind> = []
    ) {
        self.state = state
        self.value = value
        self.baseline = baseline
        self.target = target
        self.progressRatio = progressRatio
        self.expectedRatio = expectedRatio
        self.forecastValue = forecastValue
        self.requiredRate = requiredRate
        self.complianceRatio = complianceRatio
        self.remainingDays = remainingDays
        self.reachedAt = reachedAt
        self.conditions = conditions
    }
}
