import Testing
@testable import GoalWatchCore

/// Builds evaluation fixtures: series written as selectors with values at a fixed step from time 0.
struct EvaluationFixture {
    var series = SeriesSet()
    var defaultLookback: TimeSpan = .minutes(5)

    /// Adds a series; `nil` leaves a gap, `StaleMarker.value` writes a staleness marker.
    mutating func load(_ selector: String, every step: TimeSpan, _ values: [Double?], lookback: TimeSpan? = nil) throws {
        let labels = try Self.labels(selector)
        let index = series.index(of: labels, lookback: lookback)
        for (position, value) in values.enumerated() {
            guard let value else { continue }
            series.append(toSeriesAt: index, at: Timestamp(milliseconds: Int64(position) * step.milliseconds), value: value)
        }
    }

    /// The labels a selector such as `followers{network="x"}` names with `=` matchers.
    static func labels(_ selector: String) throws -> Labels {
        let expression = try PromQL.parse(selector)
        guard case .vectorSelector(let vector) = expression.kind else { throw EvaluationError("not a selector: \(selector)") }
        var pairs = vector.matchers.map { ($0.name, $0.value) }
        if let name = vector.name { pairs.append((LabelName.metricName, name)) }
        return Labels(pairs)
    }

    func evaluate(_ text: String, at time: TimeSpan) throws -> EvaluationValue {
        try Evaluator(series: series, defaultLookback: defaultLookback)
            .evaluate(PromQL.parse(text), at: Timestamp(milliseconds: time.milliseconds))
    }

    /// The vector result as `labels → value`, labels in Prometheus' text form.
    func vector(_ text: String, at time: TimeSpan) throws -> [String: Double] {
        guard case .vector(let elements) = try evaluate(text, at: time) else { throw EvaluationError("not a vector: \(text)") }
        var result: [String: Double] = [:]
        for element in elements { result[element.labels.description] = element.value }
        #expect(result.count == elements.count, "labels repeat in the result of \(text)")
        return result
    }

    /// The vector result's labels in the order returned.
    func order(_ text: String, at time: TimeSpan) throws -> [String] {
        guard case .vector(let elements) = try evaluate(text, at: time) else { throw EvaluationError("not a vector: \(text)") }
        return elements.map(\.labels.description)
    }

    func scalar(_ text: String, at time: TimeSpan) throws -> Double {
        guard case .scalar(let value) = try evaluate(text, at: time) else { throw EvaluationError("not a scalar: \(text)") }
        return value
    }
}

/// Whether two numbers agree to about 12 significant digits (NaN equals NaN).
func isClose(_ actual: Double?, _ expected: Double) -> Bool {
    guard let actual else { return false }
    if expected.isNaN { return actual.isNaN }
    if expected.isInfinite { return actual == expected }
    return abs(actual - expected) <= 1e-12 * max(1, abs(expected))
}
