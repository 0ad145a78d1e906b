/// One rule file (DESIGN §5): Prometheus-style rule groups and GoalWatch's goals, validated.
///
/// Built by ``RuleFileLoader``; every expression in it parsed and type-checked, every template parsed.
public struct RuleFile: Sendable {
    /// The file's path as the user named it (used in messages).
    public var path: String
    /// The rule groups, in file order; names are unique within the file.
    public var groups: [RuleGroup]
    /// The goals, in file order; names are unique within the file.
    public var goals: [GoalDefinition]

    /// Creates a rule file.
    public init(path: String, groups: [RuleGroup] = [], goals: [GoalDefinition] = []) {
        self.path = path
        self.groups = groups
        self.goals = goals
    }
}
