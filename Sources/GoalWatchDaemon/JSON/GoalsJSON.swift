import GoalWatchCore

/// The JSON of goal figures that `goalwatch goals --format json` prints and `GET /api/v1/goals`
/// answers: `{"at", "goals": [{"goal", "labels", "baseline", "target", "value", "progress_ratio",
/// "expected_ratio", "forecast_value", "required_rate", "compliance_ratio", "remaining_days",
/// "period_start", "period_end", "state"}]}`, figures that do not apply `null`.
public enum GoalsJSON {
    /// Every goal series' figures as evaluated at `at`.
    public static func document(at time: Timestamp, goals: [GoalReport]) -> [String: Any] {
        ["at": time.rfc3339, "goals": goals.map(goal)]
    }

    /// One goal series' figures.
    public static func goal(_ report: GoalReport) -> [String: Any] {
        let figures = report.assessment
        return [
            "goal": report.goal,
            "labels": report.labels.dictionary,
            "baseline": JSONNumber.optional(figures.baseline),
            "target": JSONNumber.optional(figures.target),
            "value": JSONNumber.optional(figures.value),
            "progress_ratio": JSONNumber.optional(figures.progressRatio),
            "expected_ratio": JSONNumber.optional(figures.expectedRatio),
            "forecast_value": JSONNumber.optional(figures.forecastValue),
            "required_rate": JSONNumber.optional(figures.requiredRate),
            "compliance_ratio": JSONNumber.optional(figures.complianceRatio),
            "remaining_days": JSONNumber.value(figures.remainingDays),
            "period_start": report.periodStart.rfc3339,
            "period_end": report.periodEnd.rfc3339,
            "state": figures.state.rawValue,
        ]
    }
}
