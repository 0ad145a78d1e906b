extension PromQL {
    /// One lexical unit of an expression.
    struct Token: Equatable, Sendable {
        enum Kind: Equatable, Sendable {
            /// A name: metric or label name, function, aggregation or keyword (`by`, `offset`, `bool`…).
            case identifier(String)
            case number(Double)
            case duration(TimeSpan)
            /// A quoted string, escapes decoded.
            case string(String)
            case leftParen, rightParen, leftBrace, rightBrace, leftBracket, rightBracket
            case comma, colon, at
            case plus, minus, star, slash, percent, caret
            case equalEqual, notEqual, greater, less, greaterEqual, lessEqual
            case regexMatch, regexNoMatch, assign
            case endOfInput
        }

        var kind: Kind
        /// The token exactly as written.
        var text: String
        var range: PositionRange

        /// How an error message names this token: `'('`, `"rate"`, `end of expression`.
        var quoted: String {
            switch kind {
            case .endOfInput: return "end of expression"
            case .identifier: return "\"\(text)\""
            case .string: return "string \(text)"
            case .number: return "number \(text)"
            case .duration: return "duration \(text)"
            default: return "'\(text)'"
            }
        }

        /// The identifier's name, when this token is one.
        var identifier: String? {
            if case .identifier(let name) = kind { return name }
            return nil
        }

        func isKeyword(_ keyword: String) -> Bool {
            identifier?.lowercased() == keyword
        }
    }
}
