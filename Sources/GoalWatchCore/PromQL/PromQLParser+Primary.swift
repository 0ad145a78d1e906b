extension PromQL.Parser {
    typealias Function = PromQL.Function

    /// A literal, a parenthesised expression, a selector, a function call or an aggregation.
    mutating func parsePrimary() throws(InputError) -> Expression {
        let token = current
        switch token.kind {
        case .number(let value):
            advance()
            return Expression(.number(value), range: token.range)
        case .string(let value):
            advance()
            return Expression(.string(value), range: token.range)
        case .leftParen:
            advance()
            let inner = try parseBinary(minimumPrecedence: 1)
            try expectClosing(.rightParen, ")", opener: token)
            return Expression(.parenthesized(inner), range: range(from: token.range))
        case .leftBrace:
            return try parseVectorSelector(name: nil)
        case .identifier(let name):
            let next = peek()
            if let op = PromQL.AggregationOperator(rawValue: name.lowercased()),
               next.kind == .leftParen || next.isKeyword("by") || next.isKeyword("without") {
                return try parseAggregation(op)
            }
            if next.kind == .leftParen { return try parseCall() }
            // As in Prometheus, `by`, `offset`, `and` and aggregation names may also name metrics;
            // only the matching keywords never can.
            if ["bool", "on", "ignoring", "group_left", "group_right"].contains(name.lowercased()) {
                throw error("expected an expression, found keyword \(token.quoted)", at: token)
            }
            advance()
            return try parseVectorSelector(name: token)
        default:
            throw error("expected an expression, found \(token.quoted)", at: token)
        }
    }

    /// `name(args…)`, arguments counted and typed as the function's signature requires.
    mutating func parseCall() throws(InputError) -> Expression {
        let nameToken = advance()
        let name = nameToken.text
        guard let function = Function.named(name) else {
            var message = "unknown function \"\(name)\""
            if let suggestion = KeySuggestion.closest(to: name, among: Function.names) {
                message += " (did you mean \"\(suggestion)\"?)"
            }
            throw error(message, at: nameToken)
        }
        let arguments = try parseArguments()
        let required = function.argumentTypes.count - function.optionalCount
        let allowed = function.variadicUnbounded ? Int.max : function.argumentTypes.count
        guard arguments.count >= required, arguments.count <= allowed else {
            let count: String
            if allowed == required {
                count = required == 1 ? "1 argument" : "\(required) arguments"
            } else if allowed == Int.max {
                count = "at least \(required) arguments"
            } else {
                count = "\(required) to \(allowed) arguments"
            }
            throw error("expected \(count) in call to \"\(name)\", found \(arguments.count)", at: nameToken)
        }
        for (position, argument) in arguments.enumerated() {
            let type = function.argumentTypes[min(position, function.argumentTypes.count - 1)]
            try expect(argument, is: type, in: "call to function \"\(name)\"")
        }
        let call = PromQL.FunctionCall(function: function, arguments: arguments)
        return Expression(.call(call), range: range(from: nameToken.range))
    }

    /// `(a, b, …)` after a function or aggregation name; unlike label lists, no trailing comma.
    mutating func parseArguments() throws(InputError) -> [Expression] {
        let opener = current
        guard opener.kind == .leftParen else {
            throw error("expected '(', found \(current.quoted)", at: current)
        }
        advance()
        var arguments: [Expression] = []
        while current.kind != .rightParen {
            if current.kind == .endOfInput { try expectClosing(.rightParen, ")", opener: opener) }
            arguments.append(try parseBinary(minimumPrecedence: 1))
            try expectCommaOrClosing(.rightParen, ")", opener: opener)
            if current.kind == .comma {
                let comma = advance()
                if current.kind == .rightParen {
                    throw error("expected an argument after ',', found ')' (arguments take no trailing comma)", at: comma)
                }
            }
        }
        advance()
        return arguments
    }

    /// `op [by|without (…)] ([param,] expr) [by|without (…)]`.
    mutating func parseAggregation(_ op: PromQL.AggregationOperator) throws(InputError) -> Expression {
        let opToken = advance()
        var grouping = try parseGrouping()
        let arguments = try parseArguments()
        if current.isKeyword("by") || current.isKeyword("without") {
            guard grouping == nil else {
                throw error("expected one by (…) or without (…) clause, found a second one", at: current)
            }
            grouping = try parseGrouping()
        }
        let expected = op.parameterType == nil ? 1 : 2
        guard arguments.count == expected else {
            let count = expected == 1 ? "1 argument" : "2 arguments"
            throw error("expected \(count) in aggregation \"\(op.rawValue)\", found \(arguments.count)", at: opToken)
        }
        if let parameterType = op.parameterType {
            try expect(arguments[0], is: parameterType, in: "parameter of aggregation \"\(op.rawValue)\"")
        }
        let aggregated = arguments[arguments.count - 1]
        try expect(aggregated, is: .instantVector, in: "aggregation \"\(op.rawValue)\"")
        let aggregation = PromQL.Aggregation(
            op: op, expression: aggregated, parameter: op.parameterType == nil ? nil : arguments[0],
            grouping: grouping?.labels ?? [], without: grouping?.without ?? false)
        return Expression(.aggregation(aggregation), range: range(from: opToken.range))
    }

    private mutating func parseGrouping() throws(InputError) -> (labels: [String], without: Bool)? {
        guard current.isKeyword("by") || current.isKeyword("without") else { return nil }
        let without = advance().isKeyword("without")
        return (try parseLabelList(), without)
    }
}
