/// The samples one selector of an expression reads when the expression is evaluated over a span of
/// time: what a caller must load from the store into a ``SeriesSet`` first.
public struct SelectorWindow: Sendable, Hashable {
    /// The metric name the selector gives, if any.
    public var name: String?
    /// The selector's matchers, the name not repeated.
    public var matchers: [LabelMatcher]
    /// The earliest reference time minus the range: samples after this may be read (before lookback).
    public var start: Timestamp
    /// The latest reference time: no sample after this is read.
    public var end: Timestamp

    /// Creates a window.
    public init(name: String?, matchers: [LabelMatcher], start: Timestamp, end: Timestamp) {
        self.name = name
        self.matchers = matchers
        self.start = start
        self.end = end
    }

    /// The windows of every selector in `expression` when it is evaluated at every instant of
    /// `from…through`. Instant selectors reach further back by each series' lookback, which the
    /// loader adds, since only it knows the series.
    public static func windows(of expression: PromQL.Expression, from: Timestamp, through: Timestamp) -> [SelectorWindow] {
        var windows: [SelectorWindow] = []
        expression.visitSelectors { selector, range in
            let (first, last): (Timestamp, Timestamp)
            if case .timestamp(let seconds) = selector.at {
                let pinned = Timestamp(unixSeconds: seconds)
                (first, last) = (pinned, pinned)
            } else {
                (first, last) = (from, through)
            }
            windows.append(SelectorWindow(
                name: selector.name, matchers: selector.matchers,
                start: first - selector.offset - range, end: last - selector.offset))
        }
        return windows
    }
}

extension PromQL.Expression {
    /// Calls `visit` with every selector in the expression and its range (zero for instant selectors).
    public func visitSelectors(_ visit: (PromQL.VectorSelector, TimeSpan) -> Void) {
        switch kind {
        case .number, .string:
            break
        case .vectorSelector(let selector):
            visit(selector, TimeSpan(milliseconds: 0))
        case .matrixSelector(let matrix):
            visit(matrix.selector, matrix.range)
        case .unary(_, let operand), .parenthesized(let operand):
            operand.visitSelectors(visit)
        case .binary(let binary):
            binary.lhs.visitSelectors(visit)
            binary.rhs.visitSelectors(visit)
        case .aggregation(let aggregation):
            aggregation.parameter?.visitSelectors(visit)
            aggregation.expression.visitSelectors(visit)
        case .call(let call):
            for argument in call.arguments { argument.visitSelectors(visit) }
        }
    }
}
