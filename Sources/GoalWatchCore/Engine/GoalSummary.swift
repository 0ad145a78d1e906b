/// The one-line summary of a goal alert when the goal writes none:
/// `instagram_followers_q1 is behind pace: 42% of the way to 14400, 55% expected by now`.
enum GoalSummary {
    static func sentence(_ goal: GoalDefinition, kind: GoalAlertKind, report: GoalReport) -> String {
        let figures = report.assessment
        let scope = report.labels.elements.isEmpty ? "" : " \(report.labels)"
        let name = goal.name + scope
        let target = figures.target.map(Humanize.metric) ?? "?"
        let value = figures.value.map(Humanize.metric) ?? "no data"
        switch kind {
        case .behindPace:
            let progress = figures.progressRatio.map(Humanize.percentage) ?? "?"
            let expected = figures.expectedRatio.map(Humanize.percentage) ?? "?"
            return "\(name) is behind pace: \(progress) of the way to \(target), \(expected) expected by now"
        case .forecastMiss:
            let forecast = figures.forecastValue.map(Humanize.metric) ?? "?"
            return "\(name) is forecast to end at \(forecast), missing its target of \(target)"
        case .achieved:
            return "\(name) reached its target of \(target) (now \(value))"
        case .missed:
            return "\(name) ended its period at \(value), missing its target of \(target)"
        case .stale:
            return "\(name) has no fresh data (last value \(value))"
        case .unreachable:
            let rate = figures.requiredRate.map(Humanize.metric) ?? "?"
            return "\(name) can no longer reach \(target): it needs \(rate) a day, more than it has ever gained"
        case .breach:
            return "\(name) is outside its bound of \(goal.target): now \(value)"
        }
    }
}
