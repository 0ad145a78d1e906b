/// One `goal_test` entry (GoalWatch's own): the state and figures one goal series should have at one time.
///
/// ```yaml
/// goal_test:
///   - eval_time: 40d
///     goal: instagram_followers_q1
///     labels: {account: acme}          # which series of a multi-series goal; omit for a single series
///     exp_state: behind_pace
///     exp_progress_ratio: 0.38         # compared to the digits written: 0.38 matches 0.3812…
///     exp_required_rate: 41.5
/// ```
/// At least one expectation is required. Figures compare as ``ExpectedFigure`` explains.
public struct GoalTest: Sendable, Hashable {
    /// When to assess, from the group's start.
    public var evalTime: TimeSpan
    /// The goal's name (`goals: - name:` in a rule file).
    public var goal: String
    /// Labels that pick one series of a goal over several series; the series must carry these labels
    /// with these values (others may differ). Empty for a goal with one series.
    public var labels: [String: String]
    /// `exp_state`.
    public var expectedState: GoalState?
    /// `exp_value`.
    public var expectedValue: ExpectedFigure?
    /// `exp_baseline`.
    public var expectedBaseline: ExpectedFigure?
    /// `exp_target`: the absolute target (the bound of a maintain goal).
    public var expectedTarget: ExpectedFigure?
    /// `exp_progress_ratio`.
    public var expectedProgressRatio: ExpectedFigure?
    /// `exp_expected_ratio`.
    public var expectedExpectedRatio: ExpectedFigure?
    /// `exp_forecast_value`.
    public var expectedForecastValue: ExpectedFigure?
    /// `exp_required_rate` (per day).
    public var expectedRequiredRate: ExpectedFigure?
    /// `exp_compliance_ratio` (maintain goals).
    public var expectedComplianceRatio: ExpectedFigure?
    /// `exp_remaining_days`.
    public var expectedRemainingDays: ExpectedFigure?
    /// Where the entry starts in the file.
    public var location: SourceLocation

    /// Creates a goal test from its parts.
    public init(
        evalTime: TimeSpan, goal: String, labels: [String: String] = [:], expectedState: GoalState? = nil,
        expectedValue: ExpectedFigure? = nil, expectedBaseline: ExpectedFigure? = nil, expectedTarget: ExpectedFigure? = nil,
        expectedProgressRatio: ExpectedFigure? = nil, expectedExpectedRatio: ExpectedFigure? = nil,
        expectedForecastValue: ExpectedFigure? = nil, expectedRequiredRate: ExpectedFigure? = nil,
        expectedComplianceRatio: ExpectedFigure? = nil, expectedRemainingDays: ExpectedFigure? = nil,
        location: SourceLocation
    ) {
        self.evalTime = evalTime
        self.goal = goal
        self.labels = labels
        self.expectedState = expectedState
        self.expectedValue = expectedValue
        self.expectedBaseline = expectedBaseline
        self.expectedTarget = expectedTarget
        self.expectedProgressRatio = expectedProgressRatio
        self.expectedExpectedRatio = expectedExpectedRatio
        self.expectedForecastValue = expectedForecastValue
        self.expectedRequiredRate = expectedRequiredRate
        self.expectedComplianceRatio = expectedComplianceRatio
        self.expectedRemainingDays = expectedRemainingDays
        self.location = location
    }

    /// The expected figures with their YAML keys and a function picking the matching figure from an
    /// assessment, in the order of the keys above, so a runner checks them in one loop and names the key.
    public var expectedFigures: [(key: String, expected: ExpectedFigure, actual: @Sendable (GoalAssessment) -> Double?)] {
        let all: [(String, ExpectedFigure?, @Sendable (GoalAssessment) -> Double?)] = [
            ("exp_value", expectedValue, { $0.value }),
            ("exp_baseline", expectedBaseline, { $0.baseline }),
            ("exp_target", expectedTarget, { $0.target }),
            ("exp_progress_ratio", expectedProgressRatio, { $0.progressRatio }),
            ("exp_expected_ratio", expectedExpectedRatio, { $0.expectedRatio }),
            ("exp_forecast_value", expectedForecastValue, { $0.forecastValue }),
            ("exp_required_rate", expectedRequiredRate, { $0.requiredRate }),
            ("exp_compliance_ratio", expectedComplianceRatio, { $0.complianceRatio }),
            ("exp_remaining_days", expectedRemainingDays, { $0.remainingDays }),
        ]
        return all.compactMap { key, expected, actual in expected.map { (key, $0, actual) } }
    }
}
