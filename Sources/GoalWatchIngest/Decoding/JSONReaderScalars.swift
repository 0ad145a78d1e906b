import GoalWatchCore

/// Strings and numbers, read straight from the bytes.
extension JSONReader {
    /// Reads a string at the current position (on its opening quote), undoing escapes.
    mutating func readString() throws(InputError) -> String {
        let open = position
        position += 1
        let start = position
        // Most strings have no escape: take their bytes as they are.
        while position < end {
            let byte = bytes[position]
            if byte == ASCII.quote {
                let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
                position += 1
                return text
            }
            if byte == UInt8(ascii: "\\") || byte < 0x20 { break }
            position += 1
        }
        var unescaped = Array(UnsafeBufferPointer(rebasing: bytes[start..<position]))
        while position < end {
            let byte = bytes[position]
            if byte == ASCII.quote {
                position += 1
                return String(decoding: unescaped, as: UTF8.self)
            }
            if byte < 0x20 {
                throw error("expected control characters in a string to be escaped (\\n, \\t, \\u0000), found a raw one", at: position)
            }
            if byte == UInt8(ascii: "\\") {
                try readEscape(into: &unescaped)
            } else {
                unescaped.append(byte)
                position += 1
            }
        }
        throw error("expected a closing '\"' for the string that starts here, found \(endDescription)", at: open)
    }

    private mutating func readEscape(into out: inout [UInt8]) throws(InputError) {
        let escape = position
        position += 1
        guard position < end else {
            throw error("expected an escape after '\\', found \(endDescription)", at: escape)
        }
        let byte = bytes[position]
        position += 1
        switch byte {
        case ASCII.quote, UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(byte)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(ASCII.lineFeed)
        case UInt8(ascii: "r"): out.append(ASCII.carriageReturn)
        case UInt8(ascii: "t"): out.append(ASCII.tab)
        case UInt8(ascii: "u"):
            var scalar = try readHex(escape: escape)
            if (0xD800...0xDBFF).contains(scalar) {
                // A high surrogate must pair with a low one, together naming a scalar beyond U+FFFF.
                guard end - position >= 6, bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u") else {
                    throw error("expected a \\u escape for the low surrogate after this one, found none", at: escape)
                }
                position += 2
                let low = try readHex(escape: escape)
                guard (0xDC00...0xDFFF).contains(low) else {
                    throw error("expected a low surrogate (\\uDC00–\\uDFFF) after this one", at: escape)
                }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            }
            guard let unicode = Unicode.Scalar(scalar) else {
                throw error("expected a Unicode scalar, found a lone surrogate escape", at: escape)
            }
            out.append(contentsOf: Array(String(Character(unicode)).utf8))
        default:
            throw error("expected an escape such as \\n, \\\" or \\u00e9, found \(describe(at: escape))", at: escape)
        }
    }

    private mutating func readHex(escape: Int) throws(InputError) -> UInt32 {
        guard end - position >= 4 else {
            throw error("expected four hex digits after \\u, found \(endDescription)", at: escape)
        }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[position]
            let digit: UInt8
            switch byte {
            case ASCII.zero...ASCII.nine: digit = byte - ASCII.zero
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw error("expected four hex digits after \\u, found \(describe(at: position))", at: position)
            }
            value = value << 4 | UInt32(digit)
            position += 1
        }
        return value
    }

    /// Reads a number at the current position, following JSON's grammar strictly; refuses one too large
    /// for a double (`1e999`), since stored values are finite.
    mutating func readNumber() throws(InputError) -> Double {
        let start = position
        var negative = false
        if bytes[position] == ASCII.minus {
            negative = true
            position += 1
        }
        var digits = DecimalDigits()
        if position < end, bytes[position] == ASCII.zero {
            digits.appendIntegerDigit(0)
            position += 1
        } else {
            while position < end, ASCII.isDigit(bytes[position]) {
                digits.appendIntegerDigit(bytes[position] &- ASCII.zero)
                position += 1
            }
        }
        guard digits.hasDigits else { throw malformedNumber(start) }
        if position < end, bytes[position] == ASCII.period {
            position += 1
            let fractionStart = position
            while position < end, ASCII.isDigit(bytes[position]) {
                digits.appendFractionDigit(bytes[position] &- ASCII.zero)
                position += 1
            }
            guard position > fractionStart else { throw malformedNumber(start) }
        }
        var exponent = ExponentDigits()
        var negativeExponent = false
        if position < end, bytes[position] | 0x20 == UInt8(ascii: "e") {
            position += 1
            if position < end, bytes[position] == ASCII.minus || bytes[position] == ASCII.plus {
                negativeExponent = bytes[position] == ASCII.minus
                position += 1
            }
            while position < end, ASCII.isDigit(bytes[position]) {
                exponent.append(bytes[position] &- ASCII.zero)
                position += 1
            }
            guard exponent.hasDigits else { throw malformedNumber(start) }
        }
        // A digit or letter straight after the number (`01`, `12k`) means it was not one.
        if position < end, JSONReader.isNumberTail(bytes[position]) { throw malformedNumber(start) }
        let value = digits.fastValue(negative: negative, exponent: negativeExponent ? -exponent.value : exponent.value)
            ?? Double(text(from: start)) ?? .nan
        guard value.isFinite else {
            throw error("expected a finite number, found \(text(from: start))", at: start)
        }
        return value
    }

    private func malformedNumber(_ start: Int) -> InputError {
        error("expected a JSON number such as 12, -3.5 or 1e6, found \(describe(at: start))", at: start)
    }

    private static func isNumberTail(_ byte: UInt8) -> Bool {
        ASCII.isDigit(byte) || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z"))
            || byte == ASCII.period
    }
}
