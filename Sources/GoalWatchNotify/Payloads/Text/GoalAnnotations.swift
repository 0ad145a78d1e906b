/// A goal's figures as extra annotations, for formats whose consumers know only labels and annotations
/// (Alertmanager's webhook and API): `goal_state`, `goal_value`, `goal_baseline`, `goal_target`,
/// `goal_progress`, `goal_expected`, `goal_forecast`, `goal_required_rate`, `goal_deadline`.
///
/// Ratios stay ratios (`0.42`), numbers are written as JSON writes them (NaN as `NaN`), the deadline as
/// RFC 3339. A figure the goal lacks is left out, and an annotation the rule already sets keeps its value.
enum GoalAnnotations {
    /// The annotation names, in the order above.
    static let names = [
        "goal_state", "goal_value", "goal_baseline", "goal_target", "goal_progress", "goal_expected",
        "goal_forecast", "goal_required_rate", "goal_deadline",
    ]

    /// `annotations` with the goal's figures added.
    static func adding(_ goal: NotifiedGoal?, to annotations: [String: String]) -> [String: String] {
        guard let goal else { return annotations }
        let numbers = [goal.value, goal.baseline, goal.target, goal.progressRatio, goal.expectedRatio, goal.forecastValue, goal.requiredRate]
            .map { $0.map(text) }
        let values = [goal.state] + numbers + [goal.deadline.map(PayloadTime.rfc3339)]
        var out = annotations
        for (name, value) in zip(names, values) where out[name] == nil {
            if let value { out[name] = value }
        }
        return out
    }

    private static func text(_ number: Double) -> String {
        number.isFinite ? JSONWriter.numberText(number) : JSONWriter.nonFiniteText(number)
    }
}

extension Notification {
    /// The notification with each goal alert's figures added to its annotations (``GoalAnnotations``),
    /// so common annotations are computed over what the body shows.
    var withGoalAnnotations: Notification {
        guard alerts.contains(where: { $0.goal != nil }) else { return self }
        var copy = self
        copy.alerts = alerts.map { alert in
            var alert = alert
            alert.annotations = GoalAnnotations.adding(alert.goal, to: alert.annotations)
            return alert
        }
        return copy
    }
}
