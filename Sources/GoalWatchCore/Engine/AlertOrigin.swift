/// What raised an alert: an alerting rule of a group, or one of a goal's alert kinds.
public enum AlertOrigin: Sendable, Hashable, Codable {
    /// The alerting rule `rule` of group `group`.
    case rule(group: String, rule: String)
    /// The alert kind `kind` of goal `goal`.
    case goal(goal: String, kind: GoalAlertKind)
}
