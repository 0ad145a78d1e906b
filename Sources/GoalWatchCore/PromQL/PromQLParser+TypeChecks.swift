extension PromQL.Parser {
    typealias Expression = PromQL.Expression
    typealias BinaryExpression = PromQL.BinaryExpression
    typealias Token = PromQL.Token
    typealias ValueType = PromQL.ValueType

    /// Applies Prometheus' parse-time rules for binary expressions and settles the vector matching.
    func checked(_ binary: BinaryExpression, opToken: Token) throws(InputError) -> BinaryExpression {
        var binary = binary
        let op = binary.op
        if binary.returnBool && !op.isComparison {
            throw error("expected a comparison operator before \"bool\", found '\(op.rawValue)'", at: opToken)
        }
        for operand in [binary.lhs, binary.rhs] where operand.type != .scalar && operand.type != .instantVector {
            throw error(
                "expected a scalar or an instant vector as operand of '\(op.rawValue)', found \(operand.type)",
                at: operand.range)
        }
        let lhsType = binary.lhs.type, rhsType = binary.rhs.type
        if op.isComparison && !binary.returnBool && lhsType == .scalar && rhsType == .scalar {
            throw error(
                "expected '\(op.rawValue) bool' (comparisons between scalars must use bool), found '\(op.rawValue)'",
                at: opToken)
        }
        if op.isSetOperator && (lhsType == .scalar || rhsType == .scalar) {
            throw error(
                "expected instant vectors on both sides of \"\(op.rawValue)\", found \(lhsType) \(op.rawValue) \(rhsType)",
                at: opToken)
        }
        guard var matching = binary.matching else { return binary }
        if lhsType != .instantVector || rhsType != .instantVector {
            // Like Prometheus, an empty `on ()` next to a scalar is dropped rather than refused.
            if !matching.matchingLabels.isEmpty {
                throw error("expected instant vectors on both sides of vector matching, found \(lhsType) \(op.rawValue) \(rhsType)", at: opToken)
            }
            binary.matching = nil
            return binary
        }
        if op.isSetOperator {
            if matching.cardinality != .oneToOne {
                throw error("expected no group_left or group_right on set operator \"\(op.rawValue)\", found one", at: opToken)
            }
            matching.cardinality = .manyToMany
        }
        if matching.on, let label = matching.include.first(where: matching.matchingLabels.contains) {
            throw error("expected label \"\(label)\" in either on (…) or the group clause, found it in both", at: opToken)
        }
        binary.matching = matching
        return binary
    }

    /// Refuses an argument whose type is not the one expected.
    func expect(_ argument: Expression, is type: ValueType, in context: String) throws(InputError) {
        guard argument.type == type else {
            throw error("expected \(type) in \(context), found \(argument.type)", at: argument.range)
        }
    }
}
