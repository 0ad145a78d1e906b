import GoalWatchCore

/// Writes a ``JSONValue`` as compact UTF-8 JSON (RFC 8259): no spaces, no trailing newline.
///
/// Strings escape `"`, `\`, the control characters and U+2028/U+2029 (which JavaScript would read as
/// line ends); everything else, `/` included, is written as is. Numbers are written as Go's
/// `encoding/json` writes a float64: the shortest digits that read back to the same value, in plain
/// notation from 1e-6 up to 1e21 and in exponent notation (`1e-7`, `1e+21`) outside it.
enum JSONWriter {
    /// The document's bytes.
    static func bytes(_ value: JSONValue) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(1024)
        write(value, into: &out)
        return out
    }

    private static func write(_ value: JSONValue, into out: inout [UInt8]) {
        switch value {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let flag): out.append(contentsOf: (flag ? "true" : "false").utf8)
        case .number(let number):
            if number.isFinite {
                out.append(contentsOf: numberText(number).utf8)
            } else {
                writeString(nonFiniteText(number), into: &out)
            }
        case .integer(let integer): out.append(contentsOf: String(integer).utf8)
        case .string(let text): writeString(text, into: &out)
        case .array(let elements):
            out.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                write(element, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            for (index, member) in members.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                writeString(member.key, into: &out)
                out.append(UInt8(ascii: ":"))
                write(member.value, into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// `"NaN"`, `"+Inf"` or `"-Inf"`: how every GoalWatch payload spells a number JSON cannot hold.
    static func nonFiniteText(_ value: Double) -> String {
        value.isNaN ? "NaN" : value > 0 ? "+Inf" : "-Inf"
    }

    /// A finite number as Go's `encoding/json` writes it.
    static func numberText(_ value: Double) -> String {
        if value == 0 { return value.sign == .minus ? "-0" : "0" }
        // Whole numbers that a 64-bit integer holds exactly (most alert values and goal figures) read the
        // same either way, and converting is far cheaper than finding the shortest digits.
        if value.magnitude < 9_007_199_254_740_992, value == value.rounded(.towardZero) { return String(Int64(value)) }
        let sign = value < 0 ? "-" : ""
        let magnitude = value.magnitude
        let (digits, exponent) = ShortestDecimal.digits(of: magnitude)
        if magnitude < 1e-6 || magnitude >= 1e21 {
            var mantissa = String(digits.prefix(1))
            if digits.count > 1 { mantissa += "." + digits.dropFirst() }
            return "\(sign)\(mantissa)e\(exponent < 0 ? "-" : "+")\(abs(exponent))"
        }
        let pointPosition = exponent + 1
        if pointPosition <= 0 {
            return sign + "0." + String(repeating: "0", count: -pointPosition) + digits
        }
        if pointPosition >= digits.count {
            return sign + digits + String(repeating: "0", count: pointPosition - digits.count)
        }
        let index = digits.index(digits.startIndex, offsetBy: pointPosition)
        return sign + digits[..<index] + "." + digits[index...]
    }

    /// Writes `text` quoted, copying runs that need no escape as they are (nearly every label and
    /// annotation is such a run) instead of going scalar by scalar.
    static func writeString(_ text: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            var start = 0
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte >= 0x20, byte != 0x22, byte != 0x5C, byte != 0xE2 {
                    index += 1
                    continue
                }
                // U+2028 and U+2029 are E2 80 A8 and E2 80 A9 in UTF-8; other E2 sequences pass.
                var width = 1
                if byte == 0xE2 {
                    guard index + 2 < bytes.count, bytes[index + 1] == 0x80, bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9 else {
                        index += 1
                        continue
                    }
                    width = 3
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
                switch byte {
                case 0x22: out += [0x5C, 0x22]
                case 0x5C: out += [0x5C, 0x5C]
                case 0x0A: out += [0x5C, UInt8(ascii: "n")]
                case 0x0D: out += [0x5C, UInt8(ascii: "r")]
                case 0x09: out += [0x5C, UInt8(ascii: "t")]
                case 0xE2: out.append(contentsOf: (bytes[index + 2] == 0xA8 ? "\\u2028" : "\\u2029").utf8)
                default: out.append(contentsOf: "\\u\(hex4(UInt32(byte)))".utf8)
                }
                index += width
                start = index
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<bytes.count]))
        }
        out.append(UInt8(ascii: "\""))
    }

    private static func hex4(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
