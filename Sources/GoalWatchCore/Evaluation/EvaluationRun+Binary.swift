extension EvaluationRun {
    func evaluateBinary(_ binary: PromQL.BinaryExpression) throws(EvaluationError) -> EvaluationValue {
        let left = try evaluate(binary.lhs)
        let right = try evaluate(binary.rhs)
        switch (left, right) {
        case (.scalar(let l), .scalar(let r)):
            return .scalar(BinaryArithmetic.apply(binary.op, l, r))
        case (.vector(let elements), .scalar(let r)):
            return .vector(try checkedUnique(vectorScalar(elements, r, binary, scalarOnLeft: false)))
        case (.scalar(let l), .vector(let elements)):
            return .vector(try checkedUnique(vectorScalar(elements, l, binary, scalarOnLeft: true)))
        case (.vector(let l), .vector(let r)):
            let matching = binary.matching ?? PromQL.VectorMatching(cardinality: binary.op.isSetOperator ? .manyToMany : .oneToOne)
            switch binary.op {
            case .and: return .vector(intersect(l, r, matching))
            case .or: return .vector(union(l, r, matching))
            case .unless: return .vector(subtract(l, r, matching))
            default: return .vector(try checkedUnique(vectorVector(l, r, binary, matching)))
            }
        default:
            return .vector([])
        }
    }

    private func vectorScalar(_ elements: [VectorElement], _ scalar: Double, _ binary: PromQL.BinaryExpression, scalarOnLeft: Bool) -> [VectorElement] {
        let op = binary.op
        let dropName = BinaryArithmetic.dropsMetricName(op) || binary.returnBool
        var out: [VectorElement] = []
        out.reserveCapacity(elements.count)
        for element in elements {
            let (l, r) = scalarOnLeft ? (scalar, element.value) : (element.value, scalar)
            var value: Double
            if op.isComparison {
                let holds = BinaryArithmetic.compare(op, l, r)
                if binary.returnBool {
                    value = holds ? 1 : 0
                } else {
                    guard holds else { continue }
                    value = element.value  // the vector's own value, whichever side it is on
                }
            } else {
                value = BinaryArithmetic.apply(op, l, r)
            }
            let labels = dropName ? element.labels.withoutMetricName : element.labels
            out.append(VectorElement(labels: labels, value: value, sampleTime: time))
        }
        return out
    }

    /// The key series are matched on: the `on` labels, or every label but the `ignoring` ones and the name.
    func matchKey(_ labels: Labels, _ matching: PromQL.VectorMatching) -> Labels {
        if matching.on { return labels.keeping(Set(matching.matchingLabels)) }
        return labels.removing(Set(matching.matchingLabels).union([LabelName.metricName]))
    }

    private func intersect(_ left: [VectorElement], _ right: [VectorElement], _ matching: PromQL.VectorMatching) -> [VectorElement] {
        let keys = Set(right.map { matchKey($0.labels, matching) })
        return left.filter { keys.contains(matchKey($0.labels, matching)) }
    }

    private func union(_ left: [VectorElement], _ right: [VectorElement], _ matching: PromQL.VectorMatching) -> [VectorElement] {
        let keys = Set(left.map { matchKey($0.labels, matching) })
        return left + right.filter { !keys.contains(matchKey($0.labels, matching)) }
    }

    private func subtract(_ left: [VectorElement], _ right: [VectorElement], _ matching: PromQL.VectorMatching) -> [VectorElement] {
        let keys = Set(right.map { matchKey($0.labels, matching) })
        return left.filter { !keys.contains(matchKey($0.labels, matching)) }
    }

    private func vectorVector(
        _ left: [VectorElement], _ right: [VectorElement], _ binary: PromQL.BinaryExpression, _ matching: PromQL.VectorMatching
    ) throws(EvaluationError) -> [VectorElement] {
        // group_right iterates the right side as the "many" side; values keep their written order.
        let swapped = matching.cardinality == .oneToMany
        let (many, one) = swapped ? (right, left) : (left, right)
        var oneByKey: [Labels: VectorElement] = [:]
        for element in one {
            let key = matchKey(element.labels, matching)
            if let previous = oneByKey[key] {
                let side = swapped ? "left" : "right"
                throw EvaluationError(
                    "found duplicate series for the match group \(key) on the \(side) hand-side of the operation: "
                        + "[\(previous.labels), \(element.labels)];many-to-many matching not allowed: matching labels must be unique on one side")
            }
            oneByKey[key] = element
        }
        var matchedKeys: Set<Labels> = []
        var producedByKey: [Labels: Set<Labels>] = [:]
        var out: [VectorElement] = []
        for element in many {
            let key = matchKey(element.labels, matching)
            guard let partner = oneByKey[key] else { continue }
            let (l, r) = swapped ? (partner.value, element.value) : (element.value, partner.value)
            var value: Double
            if binary.op.isComparison {
                let holds = BinaryArithmetic.compare(binary.op, l, r)
                if binary.returnBool {
                    value = holds ? 1 : 0
                } else {
                    guard holds else { continue }
                    value = l
                }
            } else {
                value = BinaryArithmetic.apply(binary.op, l, r)
            }
            let labels = resultLabels(element.labels, partner.labels, binary, matching)
            if matching.cardinality == .oneToOne {
                guard matchedKeys.insert(key).inserted else {
                    throw EvaluationError("multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)")
                }
            } else {
                guard producedByKey[key, default: []].insert(labels).inserted else {
                    throw EvaluationError("multiple matches for labels: grouping labels must ensure unique matches")
                }
            }
            out.append(VectorElement(labels: labels, value: value, sampleTime: time))
        }
        return out
    }

    private func resultLabels(_ many: Labels, _ one: Labels, _ binary: PromQL.BinaryExpression, _ matching: PromQL.VectorMatching) -> Labels {
        var labels = many
        if BinaryArithmetic.dropsMetricName(binary.op) || binary.returnBool { labels = labels.withoutMetricName }
        if matching.cardinality == .oneToOne {
            labels = matching.on ? labels.keeping(Set(matching.matchingLabels)) : labels.removing(Set(matching.matchingLabels))
        }
        for name in matching.include {
            labels = labels.setting(name, to: one[name] ?? "")
        }
        return labels
    }

    /// Refuses a vector in which two elements have the same labels, as Prometheus does after
    /// operations that drop the metric name.
    func checkedUnique(_ elements: [VectorElement]) throws(EvaluationError) -> [VectorElement] {
        guard elements.count > 1 else { return elements }
        var seen: Set<Labels> = []
        seen.reserveCapacity(elements.count)
        for element in elements where !seen.insert(element.labels).inserted {
            throw EvaluationError("vector cannot contain metrics with the same labelset")
        }
        return elements
    }
}
