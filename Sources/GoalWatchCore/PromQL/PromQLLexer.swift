extension PromQL {
    /// Splits an expression into tokens, each with its position; comments (`# …`) and blanks are skipped.
    struct Lexer {
        let bytes: [UInt8]
        private(set) var index = 0
        private var line = 1
        private var column = 1
        /// Inside `[…]` a `:` separates durations (a subquery), so it does not start a metric name.
        private var bracketDepth = 0

        init(_ text: String) {
            bytes = Array(text.utf8)
        }

        var position: Position { Position(offset: index, line: line, column: column) }

        /// All tokens, ending with one `.endOfInput`.
        static func tokens(of text: String) throws(InputError) -> [Token] {
            var lexer = Lexer(text)
            var tokens: [Token] = []
            while true {
                let token = try lexer.next()
                tokens.append(token)
                if token.kind == .endOfInput { return tokens }
            }
        }

        mutating func next() throws(InputError) -> Token {
            skipBlanksAndComments()
            let start = position
            guard let byte = peek() else { return token(.endOfInput, from: start) }
            if Lexer.isNameStart(byte) || (byte == UInt8(ascii: ":") && bracketDepth == 0) {
                return lexIdentifier(from: start)
            }
            if Lexer.isDigit(byte) || (byte == UInt8(ascii: ".") && peek(1).map(Lexer.isDigit) == true) {
                return try lexNumberOrDuration(from: start)
            }
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") || byte == UInt8(ascii: "`") {
                return try lexString(from: start)
            }
            return try lexPunctuation(from: start)
        }

        // MARK: - Characters

        func peek(_ ahead: Int = 0) -> UInt8? {
            index + ahead < bytes.count ? bytes[index + ahead] : nil
        }

        /// Moves past one byte, counting lines and (Unicode-scalar) columns.
        mutating func advance() {
            let byte = bytes[index]
            index += 1
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }

        mutating func advance(while condition: (UInt8) -> Bool) {
            while let byte = peek(), condition(byte) { advance() }
        }

        static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

        static func isLetter(_ byte: UInt8) -> Bool {
            (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
        }

        static func isNameStart(_ byte: UInt8) -> Bool { isLetter(byte) || byte == UInt8(ascii: "_") }

        static func isNameContinuation(_ byte: UInt8) -> Bool {
            isNameStart(byte) || isDigit(byte) || byte == UInt8(ascii: ":")
        }

        func text(from start: Position) -> String {
            String(decoding: bytes[start.offset..<index], as: UTF8.self)
        }

        func token(_ kind: Token.Kind, from start: Position) -> Token {
            Token(kind: kind, text: text(from: start), range: PositionRange(start: start, end: position))
        }

        func error(_ message: String, at position: Position) -> InputError {
            InputError(message, at: position.location)
        }

        private mutating func skipBlanksAndComments() {
            while let byte = peek() {
                switch byte {
                case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                    advance()
                case UInt8(ascii: "#"):
                    advance { $0 != UInt8(ascii: "\n") }
                default:
                    return
                }
            }
        }

        // MARK: - Names and punctuation

        private mutating func lexIdentifier(from start: Position) -> Token {
            advance(while: Lexer.isNameContinuation)
            let name = text(from: start)
            // Like Prometheus, `Inf` and `NaN` in any case are numbers, not metric names.
            switch name.lowercased() {
            case "inf": return token(.number(.infinity), from: start)
            case "nan": return token(.number(.nan), from: start)
            default: return token(.identifier(name), from: start)
            }
        }

        private mutating func lexPunctuation(from start: Position) throws(InputError) -> Token {
            let byte = bytes[index]
            let nextByte = peek(1)
            let pairs: [(String, Token.Kind)] = [
                ("==", .equalEqual), ("!=", .notEqual), (">=", .greaterEqual), ("<=", .lessEqual),
                ("=~", .regexMatch), ("!~", .regexNoMatch),
            ]
            if let nextByte {
                for (pair, kind) in pairs where Array(pair.utf8) == [byte, nextByte] {
                    advance()
                    advance()
                    return token(kind, from: start)
                }
            }
            let kind: Token.Kind
            switch byte {
            case UInt8(ascii: "("): kind = .leftParen
            case UInt8(ascii: ")"): kind = .rightParen
            case UInt8(ascii: "{"): kind = .leftBrace
            case UInt8(ascii: "}"): kind = .rightBrace
            case UInt8(ascii: "["):
                kind = .leftBracket
                bracketDepth += 1
            case UInt8(ascii: "]"):
                kind = .rightBracket
                bracketDepth = max(0, bracketDepth - 1)
            case UInt8(ascii: ","): kind = .comma
            case UInt8(ascii: ":"): kind = .colon
            case UInt8(ascii: "@"): kind = .at
            case UInt8(ascii: "+"): kind = .plus
            case UInt8(ascii: "-"): kind = .minus
            case UInt8(ascii: "*"): kind = .star
            case UInt8(ascii: "/"): kind = .slash
            case UInt8(ascii: "%"): kind = .percent
            case UInt8(ascii: "^"): kind = .caret
            case UInt8(ascii: ">"): kind = .greater
            case UInt8(ascii: "<"): kind = .less
            case UInt8(ascii: "="): kind = .assign
            default:
                throw error(
                    "expected a name, number, string, operator or bracket, found unexpected character \(unexpectedCharacter())",
                    at: start)
            }
            advance()
            return token(kind, from: start)
        }

        /// The character at the current position, quoted for a message.
        private func unexpectedCharacter() -> String {
            var end = index + 1
            while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
            let character = String(decoding: bytes[index..<end], as: UTF8.self)
            return "'\(character)'"
        }
    }
}
