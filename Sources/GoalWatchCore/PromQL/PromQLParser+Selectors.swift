extension PromQL.Parser {
    typealias VectorSelector = PromQL.VectorSelector

    /// The selector after its (already consumed) name, or from its `{`.
    mutating func parseVectorSelector(name nameToken: Token?) throws(InputError) -> Expression {
        let start = nameToken ?? current
        var matchers: [LabelMatcher] = []
        if current.kind == .leftBrace { matchers = try parseMatchers() }
        let range = range(from: start.range)
        let name = nameToken?.text
        if name != nil, matchers.contains(where: { $0.name == LabelName.metricName }) {
            throw error("expected the metric name either before '{' or as __name__, found both", at: start)
        }
        guard name != nil || matchers.contains(where: { !$0.matchesEmpty }) else {
            throw error(
                "expected a metric name or a matcher that does not match the empty string, found a selector matching every series",
                at: start)
        }
        return Expression(.vectorSelector(VectorSelector(name: name, matchers: matchers)), range: range)
    }

    /// `{name op "value", …}`, a trailing comma allowed.
    private mutating func parseMatchers() throws(InputError) -> [LabelMatcher] {
        let opener = advance()
        var matchers: [LabelMatcher] = []
        while current.kind != .rightBrace {
            if current.kind == .endOfInput { try expectClosing(.rightBrace, "}", opener: opener) }
            guard let name = current.identifier, LabelName.isValid(name) else {
                throw error("expected a label name or '}', found \(current.quoted)", at: current)
            }
            advance()
            let kind: LabelMatcher.Kind
            switch current.kind {
            case .assign: kind = .equal
            case .notEqual: kind = .notEqual
            case .regexMatch: kind = .matchesRegex
            case .regexNoMatch: kind = .doesNotMatchRegex
            default:
                throw error("expected one of '=', '!=', '=~', '!~' after label \"\(name)\", found \(current.quoted)", at: current)
            }
            advance()
            guard case .string(let value) = current.kind else {
                throw error("expected a quoted value for label \"\(name)\", found \(current.quoted)", at: current)
            }
            do {
                matchers.append(try LabelMatcher(name: name, kind: kind, value: value))
            } catch {
                throw self.error(error.message, at: current)
            }
            advance()
            try expectCommaOrClosing(.rightBrace, "}", opener: opener)
            if current.kind == .comma { advance() }
        }
        advance()
        return matchers
    }

    /// A range `[5m]`, `offset` and `@` after a selector; `offset` and `@` in either order.
    mutating func parsePostfix(_ primary: Expression) throws(InputError) -> Expression {
        var expression = primary
        while true {
            if current.kind == .leftBracket {
                expression = try parseRange(after: expression)
            } else if current.isKeyword("offset") {
                let keyword = advance()
                let span = try parseDuration(allowingSign: true)
                try modifySelector(&expression, modifier: keyword) { selector throws(InputError) in
                    guard selector.offset.milliseconds == 0 else {
                        throw error("expected one offset per selector, found a second one", at: keyword)
                    }
                    selector.offset = span
                }
            } else if current.kind == .at {
                let keyword = advance()
                let at = try parseAtValue()
                try modifySelector(&expression, modifier: keyword) { selector throws(InputError) in
                    guard selector.at == nil else {
                        throw error("expected one @ per selector, found a second one", at: keyword)
                    }
                    selector.at = at
                }
            } else {
                return expression
            }
        }
    }

    private mutating func parseRange(after expression: Expression) throws(InputError) -> Expression {
        let opener = advance()
        let spanToken = current
        let span = try parseDuration(allowingSign: false)
        guard span.milliseconds > 0 else {
            throw error("expected a range greater than 0, found \(spanToken.quoted)", at: spanToken)
        }
        if current.kind == .colon {
            throw error("subqueries are not supported: expected ']' after the range, found ':'", at: current)
        }
        try expectClosing(.rightBracket, "]", opener: opener)
        guard case .vectorSelector(let selector) = expression.kind else {
            throw error("expected a vector selector before the range '[\(span)]', found \(describe(expression))", at: opener)
        }
        guard selector.offset.milliseconds == 0, selector.at == nil else {
            throw error("expected the range '[\(span)]' before offset and @, found it after them", at: opener)
        }
        let matrix = PromQL.MatrixSelector(selector: selector, range: span)
        return Expression(.matrixSelector(matrix), range: range(from: expression.range))
    }

    /// A duration such as `5m`, or a number of seconds as Prometheus 3 allows.
    private mutating func parseDuration(allowingSign: Bool) throws(InputError) -> TimeSpan {
        var negative = false
        if allowingSign, current.kind == .minus || current.kind == .plus {
            negative = advance().kind == .minus
        }
        switch current.kind {
        case .duration(let span):
            advance()
            return TimeSpan(milliseconds: negative ? -span.milliseconds : span.milliseconds)
        case .number(let seconds) where seconds.isFinite && seconds >= 0 && seconds < 9e15:
            advance()
            let milliseconds = Int64((seconds * 1000).rounded())
            return TimeSpan(milliseconds: negative ? -milliseconds : milliseconds)
        default:
            throw error("expected a duration such as 5m or 1h30m, found \(current.quoted)", at: current)
        }
    }

    /// A Unix time in seconds, `start()` or `end()`.
    private mutating func parseAtValue() throws(InputError) -> PromQL.AtModifier {
        if current.isKeyword("start") || current.isKeyword("end") {
            let keyword = advance()
            let opener = current
            guard opener.kind == .leftParen else {
                throw error("expected '(' after \"\(keyword.text)\", found \(current.quoted)", at: current)
            }
            advance()
            try expectClosing(.rightParen, ")", opener: opener)
            return keyword.isKeyword("start") ? .start : .end
        }
        var sign = 1.0
        if current.kind == .minus || current.kind == .plus {
            sign = advance().kind == .minus ? -1 : 1
        }
        guard case .number(let value) = current.kind, value.isFinite else {
            throw error("expected a Unix time in seconds, start() or end() after '@', found \(current.quoted)", at: current)
        }
        advance()
        return .timestamp(sign * value)
    }

    /// Applies `offset` or `@` to the selector it follows, refusing it after anything else.
    private func modifySelector(
        _ expression: inout Expression, modifier: Token, _ change: (inout VectorSelector) throws(InputError) -> Void
    ) throws(InputError) {
        switch expression.kind {
        case .vectorSelector(var selector):
            try change(&selector)
            expression = Expression(.vectorSelector(selector), range: range(from: expression.range))
        case .matrixSelector(var matrix):
            try change(&matrix.selector)
            expression = Expression(.matrixSelector(matrix), range: range(from: expression.range))
        default:
            throw error(
                "expected a selector before '\(modifier.text)', found \(describe(expression))", at: modifier)
        }
    }

    /// How a message names the kind of an expression.
    func describe(_ expression: Expression) -> String {
        switch expression.kind {
        case .number: return "a number"
        case .string: return "a string"
        case .vectorSelector, .matrixSelector: return "a selector"
        case .unary, .binary: return "an operator expression"
        case .aggregation: return "an aggregation"
        case .call: return "a function call"
        case .parenthesized: return "a parenthesised expression"
        }
    }
}
