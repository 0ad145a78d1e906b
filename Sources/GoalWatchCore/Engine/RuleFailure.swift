/// A rule that could not be evaluated this time (Prometheus reports the same as the rule's health).
/// The rule keeps its alert states; other rules go on.
public struct RuleFailure: Sendable, Hashable, CustomStringConvertible {
    /// The group, or `goals` for a goal.
    public var group: String
    /// The rule's `record`/`alert` name, or the goal's name.
    public var rule: String
    /// What went wrong.
    public var message: String

    /// Creates a failure.
    public init(group: String, rule: String, message: String) {
        self.group = group
        self.rule = rule
        self.message = message
    }

    public var description: String { "group \(group), rule \(rule): \(message)" }
}
