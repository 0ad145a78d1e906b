/// The history of a goal's metric, one sample list per series the metric yields.
///
/// A plain selector (the common case, `followers{network="instagram"}`) reads the stored samples
/// directly. Any other expression is evaluated at each instant one of its selectors has a sample,
/// so `engagements / impressions` has a point wherever its inputs do.
enum GoalMetricHistory {
    /// The most instants a computed metric is evaluated at per goal and evaluation (the newest kept).
    static let maximumComputedPoints = 20_000

    static func collect(
        _ metric: PromQL.Expression, from start: Timestamp, through end: Timestamp, series: SeriesSet, defaultLookback: TimeSpan
    ) throws(EvaluationError) -> [(labels: Labels, samples: [Sample])] {
        if case .vectorSelector(let selector) = EvaluationRun.unwrapped(metric).kind, selector.at == nil, selector.offset.milliseconds == 0 {
            return series.select(name: selector.name, matchers: selector.matchers).compactMap { stored in
                let samples = samplesOf(stored, after: start.milliseconds, through: end.milliseconds)
                return samples.isEmpty ? nil : (stored.labels.withoutMetricName, samples)
            }
        }
        var instants: Set<Int64> = []
        metric.visitSelectors { selector, _ in
            for stored in series.select(name: selector.name, matchers: selector.matchers) {
                let offset = selector.offset.milliseconds
                let lower = stored.firstIndex(after: start.milliseconds - offset)
                let upper = stored.firstIndex(after: end.milliseconds - offset)
                for index in lower..<upper { instants.insert(stored.timestamps[index] + offset) }
            }
        }
        let evaluator = Evaluator(series: series, defaultLookback: defaultLookback)
        var byLabels: [Labels: [Sample]] = [:]
        var order: [Labels] = []
        for instant in instants.sorted().suffix(maximumComputedPoints) {
            guard case .vector(let elements) = try evaluator.evaluate(metric, at: Timestamp(milliseconds: instant)) else { continue }
            for element in elements where element.value.isFinite {
                let labels = element.labels.withoutMetricName
                if byLabels[labels] == nil { order.append(labels) }
                byLabels[labels, default: []].append(Sample(timestamp: Timestamp(milliseconds: instant), value: element.value))
            }
        }
        return order.map { ($0, byLabels[$0]!) }
    }

    private static func samplesOf(_ stored: MemorySeries, after start: Int64, through end: Int64) -> [Sample] {
        let lower = stored.firstIndex(after: start), upper = stored.firstIndex(after: end)
        var samples: [Sample] = []
        samples.reserveCapacity(upper - lower)
        for index in lower..<upper where !StaleMarker.isMarker(stored.values[index]) && stored.values[index].isFinite {
            samples.append(Sample(timestamp: Timestamp(milliseconds: stored.timestamps[index]), value: stored.values[index]))
        }
        return samples
    }
}
