/// One `promql_expr_test` entry: an expression and the samples it should give at one time.
public struct PromQLExprTest: Sendable, Equatable {
    /// The expression as written.
    public var expressionText: String
    /// The expression, parsed.
    public var expression: PromQL.Expression
    /// Maps positions inside ``expressionText`` (and so inside ``expression``) to the file.
    public var expressionSource: ScalarSourceMap
    /// When to evaluate, from the group's start.
    public var evalTime: TimeSpan
    /// The samples expected, in any order; empty to expect an empty result.
    public var expectedSamples: [ExpectedSample]
    /// Where the entry starts in the file.
    public var location: SourceLocation

    /// Creates an expression test from its parts.
    public init(
        expressionText: String, expression: PromQL.Expression, expressionSource: ScalarSourceMap, evalTime: TimeSpan,
        expectedSamples: [ExpectedSample], location: SourceLocation
    ) {
        self.expressionText = expressionText
        self.expression = expression
        self.expressionSource = expressionSource
        self.evalTime = evalTime
        self.expectedSamples = expectedSamples
        self.location = location
    }

    /// Where a position inside the expression is in the file: for errors the runner finds while
    /// evaluating (`expr: "rate(x)"` at 4:11).
    public func location(of position: PromQL.Position) -> SourceLocation {
        expressionSource.location(line: position.line, column: position.column)
    }
}

/// One expected sample of an expression test.
public struct ExpectedSample: Sendable, Hashable {
    /// The sample's labels including `__name__` when the result keeps it; empty for `{}` or no `labels`.
    public var labels: Labels
    /// The value. promtool compares it exactly, or to the last bit of the mantissa with `fuzzy_compare`.
    public var value: Double
    /// Where the entry starts in the file.
    public var location: SourceLocation

    /// Creates an expected sample from its parts.
    public init(labels: Labels, value: Double, location: SourceLocation) {
        self.labels = labels
        self.value = value
        self.location = location
    }
}
