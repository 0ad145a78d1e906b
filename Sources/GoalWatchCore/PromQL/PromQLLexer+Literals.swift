extension PromQL.Lexer {
    typealias Token = PromQL.Token
    typealias Position = PromQL.Position

    // MARK: - Numbers and durations

    /// Lexes `12`, `1.5`, `.5`, `1e3`, `0x1F`, or a duration such as `5m`, `1h30m`, `250ms`.
    mutating func lexNumberOrDuration(from start: Position) throws(InputError) -> Token {
        if peek() == UInt8(ascii: "0"), let x = peek(1), x | 0x20 == UInt8(ascii: "x") {
            advance()
            advance()
            let digitsStart = index
            advance { Self.isDigit($0) || (($0 | 0x20) >= UInt8(ascii: "a") && ($0 | 0x20) <= UInt8(ascii: "f")) }
            let digits = String(decoding: bytes[digitsStart..<index], as: UTF8.self)
            guard let value = UInt64(digits, radix: 16) else { return try badNumber(from: start) }
            return try finishNumber(Double(value), from: start)
        }
        advance(while: Self.isDigit)
        let integerOnly = peek().map { !($0 == UInt8(ascii: ".") || $0 | 0x20 == UInt8(ascii: "e")) } ?? true
        if integerOnly, let unit = peek(), Self.isDurationUnit(unit) {
            return try lexDuration(from: start)
        }
        if peek() == UInt8(ascii: ".") {
            advance()
            advance(while: Self.isDigit)
        }
        if let e = peek(), e | 0x20 == UInt8(ascii: "e") {
            let signed = peek(1) == UInt8(ascii: "+") || peek(1) == UInt8(ascii: "-")
            guard let digit = peek(signed ? 2 : 1), Self.isDigit(digit) else { return try badNumber(from: start) }
            advance()
            if signed { advance() }
            advance(while: Self.isDigit)
        }
        let literal = text(from: start)
        // Prometheus reads integers as Go literals, so a leading zero means octal: `010` is 8.
        if literal.count > 1, literal.hasPrefix("0"), let octal = Int64(literal, radix: 8) {
            return try finishNumber(Double(octal), from: start)
        }
        guard let value = Double(literal) else { return try badNumber(from: start) }
        guard value.isFinite else {
            throw error("expected a number within the range of a 64-bit float, found \"\(literal)\"", at: start)
        }
        return try finishNumber(value, from: start)
    }

    private mutating func finishNumber(_ value: Double, from start: Position) throws(InputError) -> Token {
        if let byte = peek(), Self.isNameStart(byte) || Self.isDigit(byte) || byte == UInt8(ascii: ".") {
            return try badNumber(from: start)
        }
        return token(.number(value), from: start)
    }

    /// Consumes the rest of a malformed number (`5x`, `1.2.3`) so the message can quote all of it.
    private mutating func badNumber(from start: Position) throws(InputError) -> Token {
        advance { Self.isNameStart($0) || Self.isDigit($0) || $0 == UInt8(ascii: ".") }
        throw error(
            "expected a number or a duration such as 5m or 1h30m, found \"\(text(from: start))\"", at: start)
    }

    private mutating func lexDuration(from start: Position) throws(InputError) -> Token {
        // Units are letters, so consume the whole alphanumeric run and let TimeSpan judge it.
        advance { Self.isLetter($0) || Self.isDigit($0) }
        if let byte = peek(), byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".") {
            return try badNumber(from: start)
        }
        guard let span = TimeSpan(text(from: start)) else {
            throw error(
                "expected a duration such as 5m or 1h30m (units ms s m h d w y, largest first), found \"\(text(from: start))\"",
                at: start)
        }
        return token(.duration(span), from: start)
    }

    private static func isDurationUnit(_ byte: UInt8) -> Bool {
        "smhdwy".utf8.contains(byte)
    }

    // MARK: - Strings

    /// Lexes a string in double or single quotes (Go escapes) or in backquotes (raw, no escapes).
    mutating func lexString(from start: Position) throws(InputError) -> Token {
        let quote = bytes[index]
        let raw = quote == UInt8(ascii: "`")
        advance()
        var value: [UInt8] = []
        while true {
            guard let byte = peek(), raw || byte != UInt8(ascii: "\n") else {
                throw error(
                    "expected \(Character(Unicode.Scalar(quote))) to close the string opened at \(start.line):\(start.column), found \(peek() == nil ? "end of expression" : "end of line")",
                    at: position)
            }
            if byte == quote {
                advance()
                return token(.string(String(decoding: value, as: UTF8.self)), from: start)
            }
            if byte == UInt8(ascii: "\\") && !raw {
                try lexEscape(quote: quote, into: &value)
            } else {
                value.append(byte)
                advance()
            }
        }
    }

    private mutating func lexEscape(quote: UInt8, into value: inout [UInt8]) throws(InputError) {
        let escapeStart = position
        advance()
        guard let byte = peek() else {
            throw error("expected an escape sequence after '\\', found end of expression", at: position)
        }
        let simple: [UInt8: UInt8] = [
            UInt8(ascii: "a"): 0x07, UInt8(ascii: "b"): 0x08, UInt8(ascii: "f"): 0x0C, UInt8(ascii: "n"): 0x0A,
            UInt8(ascii: "r"): 0x0D, UInt8(ascii: "t"): 0x09, UInt8(ascii: "v"): 0x0B, UInt8(ascii: "\\"): 0x5C,
        ]
        if let decoded = simple[byte] ?? (byte == quote ? quote : nil) {
            value.append(decoded)
            advance()
            return
        }
        let digitCount: Int
        let radix: Int
        switch byte {
        case UInt8(ascii: "x"): (digitCount, radix) = (2, 16)
        case UInt8(ascii: "u"): (digitCount, radix) = (4, 16)
        case UInt8(ascii: "U"): (digitCount, radix) = (8, 16)
        case UInt8(ascii: "0")...UInt8(ascii: "7"): (digitCount, radix) = (3, 8)
        default:
            throw error(
                "expected an escape such as \\n, \\\\ or \\\(Character(Unicode.Scalar(quote))), found '\\\(Character(Unicode.Scalar(byte)))'",
                at: escapeStart)
        }
        if radix == 16 { advance() }
        let digitsStart = index
        for _ in 0..<digitCount {
            guard let digit = peek(), digit < 0x80, Character(Unicode.Scalar(digit)).isHexDigit else { break }
            advance()
        }
        let digits = String(decoding: bytes[digitsStart..<index], as: UTF8.self)
        guard digits.count == digitCount, let number = UInt32(digits, radix: radix) else {
            throw error("expected \(digitCount) digits in the escape sequence, found \"\(digits)\"", at: escapeStart)
        }
        if byte == UInt8(ascii: "x") || radix == 8 {
            // Go's \x and octal escapes stand for single bytes, not code points.
            guard number <= 0xFF else {
                throw error("expected an octal escape of at most \\377, found \"\\\(digits)\"", at: escapeStart)
            }
            value.append(UInt8(number))
        } else {
            guard let scalar = Unicode.Scalar(number) else {
                throw error("expected a valid Unicode code point, found \"\(digits)\"", at: escapeStart)
            }
            value.append(contentsOf: Array(String(Character(scalar)).utf8))
        }
    }
}
