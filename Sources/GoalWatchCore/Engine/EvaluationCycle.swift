/// What one evaluation of goals and rule groups produced.
public struct EvaluationCycle: Sendable {
    /// Alert transitions, in the order rules and goals were evaluated.
    public var transitions: [AlertTransition] = []
    /// Each goal series' figures and state.
    public var goals: [GoalReport] = []
    /// Rules that failed this time.
    public var failures: [RuleFailure] = []

    /// An empty cycle.
    public init() {}

    /// Appends another part's results.
    public mutating func append(_ other: EvaluationCycle) {
        transitions += other.transitions
        goals += other.goals
        failures += other.failures
    }
}

/// One goal series' figures at an evaluation.
public struct GoalReport: Sendable, Hashable {
    /// The goal's name.
    public var goal: String
    /// The series' labels (without the metric name): which scope of a multi-series goal this is.
    public var labels: Labels
    /// The period's first instant.
    public var periodStart: Timestamp
    /// The first instant after the period.
    public var periodEnd: Timestamp
    /// The figures and the state.
    public var assessment: GoalAssessment

    /// Creates a report.
    public init(goal: String, labels: Labels, periodStart: Timestamp, periodEnd: Timestamp, assessment: GoalAssessment) {
        self.goal = goal
        self.labels = labels
        self.periodStart = periodStart
        self.periodEnd = periodEnd
        self.assessment = assessment
    }
}
