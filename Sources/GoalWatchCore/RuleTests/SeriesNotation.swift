/// promtool's notation for the input series of rule tests: series descriptions such as
/// `up{job="api", instance="a:9090"}` and the expanding notation for their values.
///
/// Values are separated by blanks (spaces, tabs, line breaks). Each item is one of:
/// - a number: `1`, `-2.5`, `1e3`, `.5`, `1_000`, `Inf`, `-Inf`, `NaN` (any case); as in Go and PromQL,
///   a leading zero makes an integer octal (`010` is 8);
/// - `stale`: a staleness marker;
/// - `_`: no sample;
/// - `axN`: N+1 copies of `a` (`1x3` is `1 1 1 1`);
/// - `a+bxN` and `a-bxN`: N+1 values from `a`, each `b` more (less) than the one before, added step by
///   step as promtool adds them (`-2+4x3` is `-2 2 6 10`);
/// - `_xN`: N missing samples (not N+1: a missing sample has no first value to repeat).
/// Items are written without blanks inside them (`1 +2x3` is the two items `1` and `+2x3`), and a
/// number must not run into letters (`5m` is not a number here). Native histograms (`{{…}}`) are not
/// supported. `stale+bxN` starts with a marker and continues with NaN, as promtool's does.
public enum SeriesNotation {
    /// The most values one series may expand to, so that a typo such as `1x100000000` is an error
    /// rather than gigabytes of samples. A year of minutely samples fits.
    public static let maximumValues = 1_000_000

    /// Expands a `values` string.
    ///
    /// - Throws: ``InputError`` at the line and column of the offending item inside `text` (its file is
    ///   left empty for the caller to fill in with ``ScalarSourceMap``).
    public static func values(_ text: String) throws(InputError) -> [SeriesValue] {
        var parser = try ValueParser(text)
        return try parser.parse()
    }

    /// The labels of a series description: a metric name, label pairs in braces (`{job="api"}`), or
    /// both; the empty text and `{}` are the empty label set. Only `=` pairs are allowed, each label once;
    /// label values are strings in double, single or back quotes, with Go's escapes. PromQL keywords are
    /// metric names here (`sum{…}`), as in promtool; quoted UTF-8 names (`{"my.metric"}`) are not supported.
    ///
    /// - Throws: ``InputError`` at the line and column of the offending token inside `text`.
    public static func labels(_ text: String) throws(InputError) -> Labels {
        let tokens = try PromQL.Lexer.tokens(of: text)
        var index = 0
        var pairs: [(String, String)] = []
        var seen: Set<String> = []
        func fail(_ message: String, _ token: PromQL.Token) -> InputError {
            InputError(message, at: token.range.start.location)
        }
        func add(_ name: String, _ value: String, at token: PromQL.Token) throws(InputError) {
            guard seen.insert(name).inserted else {
                throw fail("duplicate label \"\(name)\": each label may appear once in a series", token)
            }
            pairs.append((name, value))
        }

        if case .identifier(let name) = tokens[index].kind {
            guard MetricName.isValid(name) else {
                throw fail("expected a metric name ([a-zA-Z_:][a-zA-Z0-9_:]*), found \"\(name)\"", tokens[index])
            }
            try add(LabelName.metricName, name, at: tokens[index])
            index += 1
        }
        if tokens[index].kind == .leftBrace {
            index += 1
            while tokens[index].kind != .rightBrace {
                let nameToken = tokens[index]
                guard case .identifier(let name) = nameToken.kind, LabelName.isValid(name) else {
                    throw fail("expected a label name ([a-zA-Z_][a-zA-Z0-9_]*) or '}', found \(nameToken.quoted)", nameToken)
                }
                index += 1
                guard tokens[index].kind == .assign else {
                    throw fail(
                        "expected '=' after the label name \"\(name)\" (a series has exact label values, not matchers), found \(tokens[index].quoted)",
                        tokens[index])
                }
                index += 1
                guard case .string(let value) = tokens[index].kind else {
                    throw fail("expected a quoted label value such as \"api\", found \(tokens[index].quoted)", tokens[index])
                }
                try add(name, value, at: nameToken)
                index += 1
                switch tokens[index].kind {
                case .comma: index += 1
                case .rightBrace: break
                default: throw fail("expected ',' or '}' after a label, found \(tokens[index].quoted)", tokens[index])
                }
            }
            index += 1
        }
        guard tokens[index].kind == .endOfInput else {
            let expected = index == 0 ? "a metric name or '{'" : "the end of the series description"
            throw fail("expected \(expected), found \(tokens[index].quoted)", tokens[index])
        }
        return Labels(pairs)
    }
}

/// The parser of a `values` string.
private struct ValueParser {
    struct Token {
        enum Kind: Equatable {
            case number(Double), stale, blank, plus, minus, times, space, end
        }

        var kind: Kind
        var text: String
        var line: Int
        var column: Int

        var location: SourceLocation { SourceLocation(file: "", line: line, column: column) }

        /// How a message names the token.
        var quoted: String {
            switch kind {
            case .space: return "a blank"
            case .end: return "the end of the values"
            case .number: return "\"\(text)\""
            default: return "'\(text)'"
            }
        }
    }

    private var tokens: [Token] = []
    private var index = 0
    private var values: [SeriesValue] = []

    init(_ text: String) throws(InputError) {
        var lexer = ValueLexer(Array(text.unicodeScalars))
        while true {
            let token = try lexer.next()
            tokens.append(token)
            if token.kind == .end { break }
        }
    }

    private var token: Token { tokens[index] }

    mutating func parse() throws(InputError) -> [SeriesValue] {
        while true {
            if token.kind == .space { index += 1 }
            if token.kind == .end { return values }
            try item()
            guard token.kind == .space || token.kind == .end else {
                throw InputError("expected a blank between values, found \(token.quoted)", at: token.location)
            }
        }
    }

    /// One item: a value, a repetition or a progression.
    private mutating func item() throws(InputError) {
        let start = token
        if start.kind == .blank {
            index += 1
            guard token.kind == .times else { return try append(.missing, count: 1, itemStart: start) }
            index += 1
            return try append(.missing, count: try repetitions(), itemStart: start)
        }
        let first = try value()
        switch token.kind {
        case .times:
            index += 1
            let count = try repetitions()
            return try append(first, count: count + 1, itemStart: start)
        case .plus, .minus:
            let stepToken = token
            // After a sign, value() reads a number or throws.
            guard case .value(let increment) = try value() else { return }
            guard token.kind == .times else {
                throw InputError(
                    "expected 'x' and a number of repetitions after the step \"\(stepToken.text)\(tokens[index - 1].text)\", found \(token.quoted)",
                    at: token.location)
            }
            index += 1
            let count = try repetitions()
            try checkRoom(for: count + 1, itemStart: start)
            // promtool adds the step to the running value, so rounding accumulates as it does there.
            var current: Double = switch first {
            case .value(let value): value
            default: .nan  // a stale marker plus a step is NaN, as in promtool
            }
            values.append(first)
            for _ in 0..<count {
                current += increment
                values.append(.value(current))
            }
        default:
            values.append(first)
        }
    }

    /// A number (optionally signed) or `stale`.
    private mutating func value() throws(InputError) -> SeriesValue {
        let start = token
        switch start.kind {
        case .number(let number):
            index += 1
            return .value(number)
        case .stale:
            index += 1
            return .stale
        case .plus, .minus:
            index += 1
            guard case .number(let number) = token.kind else {
                throw InputError("expected a number after '\(start.text)', found \(token.quoted)", at: token.location)
            }
            index += 1
            return .value(start.kind == .minus ? -number : number)
        case .times:
            throw InputError("expected a value before 'x' (such as 1x5 or 1+2x5)", at: start.location)
        default:
            throw InputError("expected a number, _ or stale, found \(start.quoted)", at: start.location)
        }
    }

    /// The whole number after an `x`.
    private mutating func repetitions() throws(InputError) -> Int {
        let start = token
        guard case .number = start.kind, start.text.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) }) else {
            throw InputError("expected a whole number of repetitions after 'x', found \(start.quoted)", at: start.location)
        }
        index += 1
        guard let count = Int(start.text), count < SeriesNotation.maximumValues else {
            throw InputError(
                "expected at most \(SeriesNotation.maximumValues) values in one series, found \"\(start.text)\" repetitions",
                at: start.location)
        }
        return count
    }

    private mutating func append(_ value: SeriesValue, count: Int, itemStart: Token) throws(InputError) {
        try checkRoom(for: count, itemStart: itemStart)
        values.append(contentsOf: repeatElement(value, count: count))
    }

    private func checkRoom(for count: Int, itemStart: Token) throws(InputError) {
        guard values.count + count <= SeriesNotation.maximumValues else {
            throw InputError(
                "expected at most \(SeriesNotation.maximumValues) values in one series; this item makes \(values.count + count)",
                at: itemStart.location)
        }
    }
}

/// Splits a `values` string into tokens, following Prometheus' lexer for series descriptions.
private struct ValueLexer {
    typealias Token = ValueParser.Token

    private let text: [Unicode.Scalar]
    private var index = 0
    private var line = 1
    private var column = 1

    init(_ text: [Unicode.Scalar]) {
        self.text = text
    }

    private func peek(_ ahead: Int = 0) -> Unicode.Scalar? {
        index + ahead < text.count ? text[index + ahead] : nil
    }

    private mutating func advance() {
        if text[index] == "\n" {
            line += 1
            column = 1
        } else {
            column += 1
        }
        index += 1
    }

    private static func isBlank(_ character: Unicode.Scalar?) -> Bool {
        character == " " || character == "\t" || character == "\n" || character == "\r"
    }

    private static func isDigit(_ character: Unicode.Scalar?) -> Bool {
        character.map { ("0"..."9").contains($0) } ?? false
    }

    private static func isLetter(_ character: Unicode.Scalar?) -> Bool {
        character.map { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || $0 == "_" } ?? false
    }

    private static func isAlphanumeric(_ character: Unicode.Scalar?) -> Bool { isLetter(character) || isDigit(character) }

    mutating func next() throws(InputError) -> Token {
        let (startIndex, startLine, startColumn) = (index, line, column)
        func consumed() -> String {
            var characters = String.UnicodeScalarView()
            characters.append(contentsOf: text[startIndex..<index])
            return String(characters)
        }
        func token(_ kind: Token.Kind) -> Token {
            Token(kind: kind, text: consumed(), line: startLine, column: startColumn)
        }
        func error(_ message: String) -> InputError {
            InputError(message, at: SourceLocation(file: "", line: startLine, column: startColumn))
        }
        guard let character = peek() else { return token(.end) }
        if Self.isBlank(character) {
            while Self.isBlank(peek()) { advance() }
            return token(.space)
        }
        let punctuation: [Unicode.Scalar: Token.Kind] = ["+": .plus, "-": .minus, "x": .times, "_": .blank]
        if let kind = punctuation[character] {
            advance()
            return token(kind)
        }
        if Self.isDigit(character) || (character == "." && Self.isDigit(peek(1))) {
            let wellFormed = scanNumber()
            let literal = consumed()
            guard wellFormed, let number = Self.number(literal) else {
                while Self.isAlphanumeric(peek()) || peek() == "." { advance() }
                throw error("expected a number such as 1, -2.5 or 1e3, found \"\(consumed())\"")
            }
            guard number.isFinite else {
                throw error("expected a number within the range of a 64-bit float, found \"\(literal)\"")
            }
            return token(.number(number))
        }
        if Self.isLetter(character) {
            while Self.isAlphanumeric(peek()) || peek() == ":" { advance() }
            let word = consumed()
            if word == "stale" { return token(.stale) }
            switch word.lowercased() {
            case "inf": return token(.number(.infinity))
            case "nan": return token(.number(.nan))
            default: throw error("expected a number, _ or stale, found \"\(word)\"")
            }
        }
        if character == "{" && peek(1) == "{" {
            throw error("expected a number, _ or stale, found \"{{\": native histograms are not supported")
        }
        throw error("expected a number, _ or stale, found unexpected character '\(Character(character))'")
    }

    /// Consumes a decimal number as Prometheus' lexer does (digits, one `.`, one exponent, `_` between
    /// digits); `false` when what it consumed is malformed or runs into letters other than `x`.
    private mutating func scanNumber() -> Bool {
        let start = index
        func accept(_ set: String) -> Bool {
            guard let character = peek(), set.unicodeScalars.contains(character) else { return false }
            advance()
            return true
        }
        func isNext(_ set: String) -> Bool { peek().map { set.unicodeScalars.contains($0) } ?? false }
        let digits = "0123456789"
        _ = accept(".")
        _ = accept(digits)
        var dotSeen = false
        var exponentSeen = false
        while isNext(digits + "._eE") {
            if isNext(".") {
                if dotSeen { return false }
                advance()
                dotSeen = true
                if accept("_.") { return false }
                continue
            }
            if isNext("eE") {
                if exponentSeen { return false }
                advance()
                exponentSeen = true
                _ = accept("+-")
                if accept("._eE") || peek() == nil { return false }
                continue
            }
            if accept("_") {
                if accept("._eE") || peek() == nil { return false }
                continue
            }
            while accept(digits) {}
        }
        guard index > start else { return false }
        return peek() == "x" || !Self.isAlphanumeric(peek())
    }

    /// The value of a number literal as Go's `ParseInt(s, 0, 64)` and then `ParseFloat` read it:
    /// underscores only between digits, a leading zero makes an integer octal.
    static func number(_ literal: String) -> Double? {
        let scalars = Array(literal.unicodeScalars)
        for (offset, character) in scalars.enumerated() where character == "_" {
            guard offset > 0, offset + 1 < scalars.count, isDigit(scalars[offset - 1]), isDigit(scalars[offset + 1]) else {
                return nil
            }
        }
        let plain = String(literal.unicodeScalars.filter { $0 != "_" })
        if plain.unicodeScalars.allSatisfy({ isDigit($0) }) {
            if plain.count > 1, plain.hasPrefix("0"), let octal = Int64(plain, radix: 8) { return Double(octal) }
            if !plain.hasPrefix("0") || plain.count == 1, let integer = Int64(plain) { return Double(integer) }
        }
        return Double(plain)
    }
}
