extension PromQL {
    /// A recursive-descent parser over the lexer's tokens; binary operators by precedence climbing.
    struct Parser {
        let tokens: [Token]
        var index = 0

        init(_ text: String) throws(InputError) {
            tokens = try Lexer.tokens(of: text)
        }

        /// Parses the whole text as one expression.
        mutating func parseExpression() throws(InputError) -> Expression {
            let expression = try parseBinary(minimumPrecedence: 1)
            guard current.kind == .endOfInput else {
                throw error("expected an operator or end of expression, found \(current.quoted)", at: current)
            }
            return expression
        }

        // MARK: - Tokens

        var current: Token { tokens[index] }

        func peek(_ ahead: Int = 1) -> Token { tokens[min(index + ahead, tokens.count - 1)] }

        /// Moves to the next token and returns the one passed; never moves past `.endOfInput`.
        @discardableResult
        mutating func advance() -> Token {
            let token = current
            if index < tokens.count - 1 { index += 1 }
            return token
        }

        /// The range from `start` to the end of the last token consumed.
        func range(from start: PositionRange) -> PositionRange {
            start.through(tokens[max(index - 1, 0)].range)
        }

        func error(_ message: String, at token: Token) -> InputError {
            InputError(message, at: token.range.start.location)
        }

        func error(_ message: String, at range: PositionRange) -> InputError {
            InputError(message, at: range.start.location)
        }

        /// Consumes the closing token of a bracket pair, or explains which opening one it was for.
        mutating func expectClosing(_ kind: Token.Kind, _ symbol: String, opener: Token) throws(InputError) {
            guard current.kind == kind else {
                let at = "\(opener.range.start.line):\(opener.range.start.column)"
                throw error(
                    "expected '\(symbol)' to close '\(opener.text)' opened at \(at), found \(current.quoted)", at: current)
            }
            advance()
        }

        /// After a list item: a `,` is left for the caller; anything but the closing token is refused,
        /// naming both what may follow an item and the bracket it would close.
        func expectCommaOrClosing(_ kind: Token.Kind, _ symbol: String, opener: Token) throws(InputError) {
            guard current.kind != .comma, current.kind != kind else { return }
            let at = "\(opener.range.start.line):\(opener.range.start.column)"
            let expected = current.kind == .endOfInput ? "'\(symbol)'" : "',' or '\(symbol)'"
            throw error(
                "expected \(expected) to close '\(opener.text)' opened at \(at), found \(current.quoted)", at: current)
        }

        // MARK: - Operators

        /// Precedence climbing: parses operators binding at least as tightly as `minimumPrecedence`.
        mutating func parseBinary(minimumPrecedence: Int) throws(InputError) -> Expression {
            var lhs = try parseUnary()
            while let op = binaryOperator(current), op.precedence >= minimumPrecedence {
                let opToken = advance()
                var returnBool = false
                if current.isKeyword("bool") {
                    returnBool = true
                    advance()
                }
                let matching = try parseVectorMatching()
                let rhs = try parseBinary(minimumPrecedence: op.isRightAssociative ? op.precedence : op.precedence + 1)
                let binary = BinaryExpression(op: op, lhs: lhs, rhs: rhs, returnBool: returnBool, matching: matching)
                lhs = Expression(.binary(try checked(binary, opToken: opToken)), range: lhs.range.through(rhs.range))
            }
            return lhs
        }

        func binaryOperator(_ token: Token) -> BinaryOperator? {
            switch token.kind {
            case .plus: return .add
            case .minus: return .subtract
            case .star: return .multiply
            case .slash: return .divide
            case .percent: return .modulo
            case .caret: return .power
            case .equalEqual: return .equal
            case .notEqual: return .notEqual
            case .greater: return .greater
            case .less: return .less
            case .greaterEqual: return .greaterOrEqual
            case .lessEqual: return .lessOrEqual
            case .identifier(let name):
                switch name.lowercased() {
                case "and": return .and
                case "or": return .or
                case "unless": return .unless
                default: return nil
                }
            default: return nil
            }
        }

        /// `on (…)` or `ignoring (…)`, then optionally `group_left (…)` or `group_right (…)`.
        mutating func parseVectorMatching() throws(InputError) -> VectorMatching {
            var matching = VectorMatching()
            guard current.isKeyword("on") || current.isKeyword("ignoring") else { return matching }
            matching.on = advance().isKeyword("on")
            matching.matchingLabels = try parseLabelList()
            if current.isKeyword("group_left") || current.isKeyword("group_right") {
                matching.cardinality = advance().isKeyword("group_left") ? .manyToOne : .oneToMany
                if current.kind == .leftParen {
                    matching.include = try parseLabelList()
                }
            }
            return matching
        }

        /// `(a, b, c)`, a trailing comma allowed, as after `by`, `on` and `group_left`.
        mutating func parseLabelList() throws(InputError) -> [String] {
            guard current.kind == .leftParen else {
                throw error("expected '(' and a list of label names, found \(current.quoted)", at: current)
            }
            let opener = advance()
            var labels: [String] = []
            while current.kind != .rightParen {
                guard let name = current.identifier, LabelName.isValid(name) else {
                    if current.kind == .endOfInput { try expectClosing(.rightParen, ")", opener: opener) }
                    throw error("expected a label name or ')', found \(current.quoted)", at: current)
                }
                labels.append(name)
                advance()
                try expectCommaOrClosing(.rightParen, ")", opener: opener)
                if current.kind == .comma { advance() }
            }
            advance()
            return labels
        }

        /// A sign binds like `*`, so `-2 ^ 2` is `-(2 ^ 2)` and `-a * b` is `(-a) * b`.
        mutating func parseUnary() throws(InputError) -> Expression {
            guard current.kind == .minus || current.kind == .plus else { return try parsePostfix(try parsePrimary()) }
            let sign = advance()
            let operand = try parseBinary(minimumPrecedence: BinaryOperator.power.precedence)
            let range = sign.range.through(operand.range)
            guard operand.type == .scalar || operand.type == .instantVector else {
                throw error(
                    "expected a scalar or an instant vector after '\(sign.text)', found \(operand.type)", at: operand.range)
            }
            if case .number(let value) = operand.kind {
                return Expression(.number(sign.kind == .minus ? -value : value), range: range)
            }
            return Expression(.unary(sign.kind == .minus ? .minus : .plus, operand), range: range)
        }
    }
}
