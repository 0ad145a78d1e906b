/// Evaluates parsed expressions at an instant over a ``SeriesSet``, with Prometheus 3's semantics.
///
/// Instant selectors take each series' newest sample in `(t − lookback, t]`, the lookback being the
/// series' own (its source's `lookback`) or ``defaultLookback``; a staleness marker ends a series.
/// Range selectors take the samples in `(t − range, t]`. Results carry no metric name after
/// arithmetic, functions and aggregations, as in Prometheus.
public struct Evaluator: Sendable {
    /// The history read.
    public var series: SeriesSet
    /// How long a series' last sample stays current when its source sets no lookback.
    public var defaultLookback: TimeSpan

    /// Creates an evaluator over `series`.
    public init(series: SeriesSet, defaultLookback: TimeSpan = .minutes(5)) {
        self.series = series
        self.defaultLookback = defaultLookback
    }

    /// Evaluates `expression` at `time`, as a Prometheus instant query (and a rule evaluation) does.
    /// - Throws: ``EvaluationError`` for what Prometheus also refuses at run time.
    public func evaluate(_ expression: PromQL.Expression, at time: Timestamp) throws(EvaluationError) -> EvaluationValue {
        try EvaluationRun(series: series, defaultLookback: defaultLookback.milliseconds, time: time.milliseconds)
            .evaluate(expression)
    }
}

/// One evaluation at one instant: the recursive walk over the expression.
struct EvaluationRun {
    let series: SeriesSet
    let defaultLookback: Int64
    /// The evaluation time in milliseconds.
    let time: Int64

    func evaluate(_ expression: PromQL.Expression) throws(EvaluationError) -> EvaluationValue {
        switch expression.kind {
        case .number(let value):
            return .scalar(value)
        case .string(let text):
            return .string(text)
        case .parenthesized(let inner):
            return try evaluate(inner)
        case .vectorSelector(let selector):
            return .vector(instantVector(selector))
        case .matrixSelector(let matrix):
            return .matrix(rangeVector(matrix))
        case .unary(let op, let operand):
            let value = try evaluate(operand)
            guard op == .minus else { return value }
            return negate(value)
        case .binary(let binary):
            return try evaluateBinary(binary)
        case .aggregation(let aggregation):
            return .vector(try aggregate(aggregation))
        case .call(let call):
            return try callFunction(call)
        }
    }

    private func negate(_ value: EvaluationValue) -> EvaluationValue {
        switch value {
        case .scalar(let number):
            return .scalar(-number)
        case .vector(let elements):
            return .vector(elements.map { VectorElement(labels: $0.labels.withoutMetricName, value: -$0.value, sampleTime: time) })
        case .string, .matrix:
            return value
        }
    }

    /// Evaluates an argument the parser has type-checked as an instant vector.
    func vector(_ expression: PromQL.Expression) throws(EvaluationError) -> [VectorElement] {
        if case .vector(let elements) = try evaluate(expression) { return elements }
        return []
    }

    /// Evaluates an argument the parser has type-checked as a scalar.
    func scalar(_ expression: PromQL.Expression) throws(EvaluationError) -> Double {
        if case .scalar(let value) = try evaluate(expression) { return value }
        return .nan
    }

    /// Evaluates an argument the parser has type-checked as a string.
    func string(_ expression: PromQL.Expression) throws(EvaluationError) -> String {
        if case .string(let text) = try evaluate(expression) { return text }
        return ""
    }

    /// Evaluates an argument the parser has type-checked as a range vector.
    func matrix(_ expression: PromQL.Expression) throws(EvaluationError) -> [RangeSeries] {
        if case .matrix(let series) = try evaluate(expression) { return series }
        return []
    }
}
