/// A recording rule: evaluates its expression and stores the result under a new metric name.
public struct RecordingRule: Sendable {
    /// The metric name the result is stored under: a valid metric name, which may contain `:`
    /// (`job:followers:sum`).
    public var record: String
    /// The parsed expression; it yields an instant vector or a scalar (a scalar is stored as one
    /// series without labels, as Prometheus does).
    public var expression: PromQL.Expression
    /// The expression as written in the file.
    public var expressionText: String
    /// Labels added to (or, with an empty value, removed from) every series of the result.
    public var labels: [String: String]
    /// Where the rule starts in its file.
    public var location: SourceLocation

    /// Creates a recording rule.
    public init(
        record: String, expression: PromQL.Expression, expressionText: String, labels: [String: String] = [:],
        location: SourceLocation
    ) {
        self.record = record
        self.expression = expression
        self.expressionText = expressionText
        self.labels = labels
        self.location = location
    }
}
