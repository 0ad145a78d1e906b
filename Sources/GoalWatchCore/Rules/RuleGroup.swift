/// A group of rules evaluated together, in order, at the same instant (Prometheus' `<rule_group>`).
public struct RuleGroup: Sendable {
    /// The group's name, not empty; unique within its file.
    public var name: String
    /// How often the group runs; `nil` means the configuration's `evaluation.interval`.
    public var interval: TimeSpan?
    /// The most series an alerting rule may fire or a recording rule may produce per evaluation;
    /// 0 means no limit.
    public var limit: Int
    /// Labels added to the result of every rule in the group (Prometheus 3); a rule's own labels win.
    public var labels: [String: String]
    /// How far back from the evaluation instant the group's queries look (`query_offset`); `nil`
    /// means none.
    public var queryOffset: TimeSpan?
    /// The rules, in file order.
    public var rules: [Rule]
    /// Where the group starts in its file.
    public var location: SourceLocation

    /// Creates a group.
    public init(
        name: String, interval: TimeSpan? = nil, limit: Int = 0, labels: [String: String] = [:],
        queryOffset: TimeSpan? = nil, rules: [Rule] = [], location: SourceLocation
    ) {
        self.name = name
        self.interval = interval
        self.limit = limit
        self.labels = labels
        self.queryOffset = queryOffset
        self.rules = rules
        self.location = location
    }
}
