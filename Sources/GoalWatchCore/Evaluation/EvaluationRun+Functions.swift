import Foundation

extension EvaluationRun {
    func callFunction(_ call: PromQL.FunctionCall) throws(EvaluationError) -> EvaluationValue {
        let arguments = call.arguments
        let name = call.function.name
        if let transform = Self.elementwise[name] {
            return .vector(try checkedUnique(vector(arguments[0]).map {
                VectorElement(labels: $0.labels.withoutMetricName, value: transform($0.value), sampleTime: time)
            }))
        }
        if call.function.argumentTypes.first == .rangeVector {
            return .vector(try rangeFunction(name, arguments))
        }
        switch name {
        case "time":
            return .scalar(Double(time) / 1000)
        case "vector":
            return .vector([VectorElement(labels: .empty, value: try scalar(arguments[0]), sampleTime: time)])
        case "scalar":
            let elements = try vector(arguments[0])
            return .scalar(elements.count == 1 ? elements[0].value : .nan)
        case "quantile_over_time":
            let phi = try scalar(arguments[0])
            return .vector(try checkedUnique(matrix(arguments[1]).map {
                VectorElement(labels: $0.labels.withoutMetricName, value: Quantile.of(phi, Array($0.values)), sampleTime: time)
            }))
        case "round":
            let nearest = arguments.count > 1 ? try scalar(arguments[1]) : 1
            let inverse = 1 / nearest
            return try mapValues(arguments[0]) { ($0 * inverse + 0.5).rounded(.down) / inverse }
        case "clamp":
            let (low, high) = (try scalar(arguments[1]), try scalar(arguments[2]))
            guard low <= high || low.isNaN || high.isNaN else { return .vector([]) }
            return try mapValues(arguments[0]) { Self.goMax(low, Self.goMin(high, $0)) }
        case "clamp_min":
            let low = try scalar(arguments[1])
            return try mapValues(arguments[0]) { Self.goMax(low, $0) }
        case "clamp_max":
            let high = try scalar(arguments[1])
            return try mapValues(arguments[0]) { Self.goMin(high, $0) }
        case "timestamp":
            let direct = Self.unwrapped(arguments[0]).isVectorSelector
            return .vector(try checkedUnique(vector(arguments[0]).map {
                VectorElement(labels: $0.labels.withoutMetricName, value: Double(direct ? $0.sampleTime : time) / 1000, sampleTime: time)
            }))
        case "sort", "sort_desc":
            let ascending = name == "sort"
            let sorted = try vector(arguments[0]).sorted { a, b in
                if a.value.isNaN || b.value.isNaN { return !a.value.isNaN && b.value.isNaN }
                return ascending ? a.value < b.value : a.value > b.value
            }
            return .vector(sorted)
        case "absent":
            guard try vector(arguments[0]).isEmpty else { return .vector([]) }
            return .vector([VectorElement(labels: Self.absentLabels(arguments[0]), value: 1, sampleTime: time)])
        case "label_replace":
            return .vector(try labelReplace(arguments))
        case "label_join":
            return .vector(try labelJoin(arguments))
        default:
            throw EvaluationError("function \(name) is not implemented")
        }
    }

    private func mapValues(_ argument: PromQL.Expression, _ transform: (Double) -> Double) throws(EvaluationError) -> EvaluationValue {
        .vector(try checkedUnique(vector(argument).map {
            VectorElement(labels: $0.labels.withoutMetricName, value: transform($0.value), sampleTime: time)
        }))
    }

    /// Functions applied value by value that drop the metric name.
    private static let elementwise: [String: @Sendable (Double) -> Double] = [
        "abs": { abs($0) },
        "ceil": { $0.rounded(.up) },
        "floor": { $0.rounded(.down) },
        "exp": { Foundation.exp($0) },
        "ln": { Foundation.log($0) },
        "log2": { Foundation.log2($0) },
        "log10": { Foundation.log10($0) },
        "sqrt": { $0.squareRoot() },
        "sgn": { $0 > 0 ? 1 : $0 < 0 ? -1 : $0 },
    ]

    /// Go's math.Max: NaN if either is NaN (Swift's `max` is not IEEE-aware in the same way).
    static func goMax(_ a: Double, _ b: Double) -> Double { a.isNaN || b.isNaN ? .nan : Swift.max(a, b) }
    /// Go's math.Min.
    static func goMin(_ a: Double, _ b: Double) -> Double { a.isNaN || b.isNaN ? .nan : Swift.min(a, b) }

    static func unwrapped(_ expression: PromQL.Expression) -> PromQL.Expression {
        if case .parenthesized(let inner) = expression.kind { return unwrapped(inner) }
        return expression
    }

    /// The labels `absent` gives its one element: the selector's `=` matchers other than the name,
    /// leaving out a label matched twice (its value is ambiguous).
    static func absentLabels(_ argument: PromQL.Expression) -> Labels {
        let selector: PromQL.VectorSelector
        switch argument.kind {
        case .vectorSelector(let vector): selector = vector
        case .matrixSelector(let matrix): selector = matrix.selector
        default: return .empty
        }
        var values: [String: String] = [:]
        var repeated: Set<String> = []
        for matcher in selector.matchers where matcher.kind == .equal && matcher.name != LabelName.metricName {
            if values[matcher.name] != nil { repeated.insert(matcher.name) }
            values[matcher.name] = matcher.value
        }
        for name in repeated { values[name] = nil }
        return Labels(values)
    }

    private func labelReplace(_ arguments: [PromQL.Expression]) throws(EvaluationError) -> [VectorElement] {
        let destination = try string(arguments[1]), replacement = try string(arguments[2])
        let source = try string(arguments[3]), pattern = try string(arguments[4])
        guard LabelName.isValid(destination) else {
            throw EvaluationError("invalid destination label name in label_replace(): \(destination)")
        }
        var out: [VectorElement] = []
        for element in try vector(arguments[0]) {
            let expansion: String?
            do {
                expansion = try RegexReplacement.expandWholeMatch(of: pattern, in: element.labels[source] ?? "", template: replacement)
            } catch {
                throw EvaluationError("invalid regular expression in label_replace(): \(pattern)")
            }
            var result = element
            if let expansion { result.labels = element.labels.setting(destination, to: expansion) }
            out.append(result)
        }
        return try checkedUnique(out)
    }

    private func labelJoin(_ arguments: [PromQL.Expression]) throws(EvaluationError) -> [VectorElement] {
        let destination = try string(arguments[1]), separator = try string(arguments[2])
        var sources: [String] = []
        for argument in arguments.dropFirst(3) {
            let name = try string(argument)
            guard LabelName.isValid(name) else { throw EvaluationError("invalid source label name in label_join(): \(name)") }
            sources.append(name)
        }
        guard LabelName.isValid(destination) else {
            throw EvaluationError("invalid destination label name in label_join(): \(destination)")
        }
        let out = try vector(arguments[0]).map { element in
            let joined = sources.map { element.labels[$0] ?? "" }.joined(separator: separator)
            return VectorElement(labels: element.labels.setting(destination, to: joined), value: element.value, sampleTime: element.sampleTime)
        }
        return try checkedUnique(out)
    }
}

extension PromQL.Expression {
    var isVectorSelector: Bool {
        if case .vectorSelector = kind { return true }
        return false
    }
}
