extension PromQL.Expression: CustomStringConvertible {
    /// The expression in canonical PromQL, as Prometheus prints it: single spaces around operators,
    /// matchers sorted and comma-separated, `by (…)` before the arguments, durations in canonical form.
    public var description: String {
        switch kind {
        case .number(let value): return PromQL.formatNumber(value)
        case .string(let value): return PromQL.quote(value)
        case .vectorSelector(let selector): return selector.description
        case .matrixSelector(let matrix): return matrix.description
        case .unary(let op, let operand): return "\(op.rawValue)\(operand)"
        case .binary(let binary): return binary.description
        case .aggregation(let aggregation): return aggregation.description
        case .call(let call):
            return "\(call.function.name)(\(call.arguments.map(\.description).joined(separator: ", ")))"
        case .parenthesized(let inner): return "(\(inner))"
        }
    }
}

extension PromQL.VectorSelector: CustomStringConvertible {
    /// `name{a="x", b!="y"} @ 1700000000.000 offset 5m`.
    public var description: String { selectorText + modifiersText }

    var selectorText: String {
        let body = matchers.map { "\($0.name)\($0.kind.rawValue)\(PromQL.quote($0.value))" }.sorted()
        let name = self.name ?? ""
        return body.isEmpty ? name : "\(name){\(body.joined(separator: ","))}"
    }

    var modifiersText: String {
        var text = ""
        switch at {
        case .timestamp(let seconds): text += " @ " + PromQL.formatMilliseconds(seconds)
        case .start: text += " @ start()"
        case .end: text += " @ end()"
        case nil: break
        }
        if offset.milliseconds != 0 { text += " offset \(offset)" }
        return text
    }
}

extension PromQL.MatrixSelector: CustomStringConvertible {
    /// `name{…}[5m] @ … offset …`: the range comes before the modifiers.
    public var description: String { "\(selector.selectorText)[\(range)]\(selector.modifiersText)" }
}

extension PromQL.BinaryExpression: CustomStringConvertible {
    /// `lhs op [bool] [on|ignoring (…) [group_x (…)]] rhs`.
    public var description: String {
        var modifiers = returnBool ? " bool" : ""
        // Like Prometheus, an empty `ignoring ()` is left out unless a group clause follows it.
        let grouped = matching?.cardinality == .manyToOne || matching?.cardinality == .oneToMany
        if let matching, matching.on || !matching.matchingLabels.isEmpty || grouped {
            modifiers += " \(matching.on ? "on" : "ignoring") (\(matching.matchingLabels.joined(separator: ", ")))"
            switch matching.cardinality {
            case .manyToOne: modifiers += " group_left (\(matching.include.joined(separator: ", ")))"
            case .oneToMany: modifiers += " group_right (\(matching.include.joined(separator: ", ")))"
            case .oneToOne, .manyToMany: break
            }
        }
        return "\(lhs) \(op.rawValue)\(modifiers) \(rhs)"
    }
}

extension PromQL.Aggregation: CustomStringConvertible {
    /// `sum by (a, b) (expr)`, `topk(3, expr)`, `count without () (expr)`.
    public var description: String {
        var text = op.rawValue
        if without {
            text += " without (\(grouping.joined(separator: ", "))) "
        } else if !grouping.isEmpty {
            text += " by (\(grouping.joined(separator: ", "))) "
        }
        let arguments = [parameter, expression].compactMap { $0?.description }
        return text + "(\(arguments.joined(separator: ", ")))"
    }
}
