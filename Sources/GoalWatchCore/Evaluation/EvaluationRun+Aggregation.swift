import Foundation

extension EvaluationRun {
    func aggregate(_ aggregation: PromQL.Aggregation) throws(EvaluationError) -> [VectorElement] {
        let elements = try vector(aggregation.expression)
        let grouping = Set(aggregation.grouping)
        let groupKey: (Labels) -> Labels = aggregation.without
            ? { $0.removing(grouping.union([LabelName.metricName])) }
            : { $0.keeping(grouping) }
        switch aggregation.op {
        case .topk, .bottomk:
            let k = try scalar(aggregation.parameter!)
            return try selectK(elements, k: k, largest: aggregation.op == .topk, groupKey: groupKey)
        case .countValues:
            let label = try string(aggregation.parameter!)
            return try countValues(elements, label: label, groupKey: groupKey)
        case .quantile:
            let phi = try scalar(aggregation.parameter!)
            return grouped(elements, groupKey).map { key, members in
                VectorElement(labels: key, value: Quantile.of(phi, members.map(\.value)), sampleTime: time)
            }
        default:
            return grouped(elements, groupKey).map { key, members in
                VectorElement(labels: key, value: Self.reduce(aggregation.op, members.map(\.value)), sampleTime: time)
            }
        }
    }

    /// The elements grouped by key, groups in the order their first member appears.
    private func grouped(_ elements: [VectorElement], _ groupKey: (Labels) -> Labels) -> [(Labels, [VectorElement])] {
        var order: [Labels] = []
        var members: [Labels: [VectorElement]] = [:]
        for element in elements {
            let key = groupKey(element.labels)
            if members[key] == nil { order.append(key) }
            members[key, default: []].append(element)
        }
        return order.map { ($0, members[$0]!) }
    }

    private static func reduce(_ op: PromQL.AggregationOperator, _ values: [Double]) -> Double {
        switch op {
        case .sum:
            var sum = KahanSum()
            for value in values { sum.add(value) }
            return sum.value
        case .avg:
            var mean = RunningMean()
            for value in values { mean.add(value) }
            return mean.value
        case .count:
            return Double(values.count)
        case .group:
            return 1
        case .min:
            // A NaN is replaced by any number that follows, so min is NaN only when every value is.
            return values.dropFirst().reduce(values[0]) { current, value in value < current || current.isNaN ? value : current }
        case .max:
            return values.dropFirst().reduce(values[0]) { current, value in value > current || current.isNaN ? value : current }
        case .stddev, .stdvar:
            var variance = RunningVariance()
            for value in values { variance.add(value) }
            return op == .stddev ? variance.variance.squareRoot() : variance.variance
        case .topk, .bottomk, .quantile, .countValues:
            return .nan
        }
    }

    private func selectK(
        _ elements: [VectorElement], k: Double, largest: Bool, groupKey: (Labels) -> Labels
    ) throws(EvaluationError) -> [VectorElement] {
        guard !k.isNaN else { throw EvaluationError("Parameter value is NaN") }
        guard k >= 1 else { return [] }
        let limit = k >= Double(Int.max) ? Int.max : Int(k)
        // NaN ranks last for both topk and bottomk: any number is preferred to it.
        let before: (Double, Double) -> Bool = largest
            ? { a, b in b.isNaN ? !a.isNaN : a > b }
            : { a, b in b.isNaN ? !a.isNaN : a < b }
        var out: [VectorElement] = []
        for (_, members) in grouped(elements, groupKey) {
            let ranked = members.enumerated().sorted { left, right in
                if before(left.element.value, right.element.value) { return true }
                if before(right.element.value, left.element.value) { return false }
                return left.offset < right.offset
            }
            out += ranked.prefix(limit).map { VectorElement(labels: $0.element.labels, value: $0.element.value, sampleTime: time) }
        }
        return out
    }

    private func countValues(_ elements: [VectorElement], label: String, groupKey: (Labels) -> Labels) throws(EvaluationError) -> [VectorElement] {
        guard LabelName.isValid(label) else { throw EvaluationError("invalid label name \"\(label)\"") }
        var order: [Labels] = []
        var counts: [Labels: Double] = [:]
        for element in elements {
            let key = groupKey(element.labels).setting(label, to: PromQL.formatNumber(element.value))
            if counts[key] == nil { order.append(key) }
            counts[key, default: 0] += 1
        }
        return order.map { VectorElement(labels: $0, value: counts[$0]!, sampleTime: time) }
    }
}
