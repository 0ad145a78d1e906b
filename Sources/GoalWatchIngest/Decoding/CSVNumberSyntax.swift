/// How one CSV file writes numbers: its decimal mark, and the thousands separator that mark implies
/// (`,` with a decimal `.`, `.` with a decimal `,`).
///
/// A separator is accepted only between strict groups of three digits (`15,000`, `1,234,567.5`,
/// `12.040` under a decimal comma), so that a number never means two things. Scientific notation is
/// accepted (Excel writes long IDs as `1.22158E+17`); a trailing `%` is dropped, keeping the number
/// as written (`12.5%` is 12.5).
struct CSVNumberSyntax: Sendable {
    /// The result of reading a cell.
    enum Parsed {
        case value(Double)
        /// Not a number at all ("12k", "1,5" under a decimal point).
        case notANumber
        /// A number, but NaN or infinite ("NaN", "inf", "1e999").
        case nonFinite
    }

    let decimalMark: UInt8
    let groupSeparator: UInt8

    init(decimalMark: UInt8) {
        self.decimalMark = decimalMark
        groupSeparator = decimalMark == ASCII.comma ? ASCII.period : ASCII.comma
    }

    /// Reads the cell at `range` of `bytes`, already trimmed of spaces and known not to be empty.
    func parse(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Parsed {
        var upper = range.upperBound
        if upper > range.lowerBound, bytes[upper - 1] == ASCII.percent {
            upper -= 1
            while upper > range.lowerBound, bytes[upper - 1] == ASCII.space { upper -= 1 }
        }
        var index = range.lowerBound
        var negative = false
        if index < upper, bytes[index] == ASCII.minus || bytes[index] == ASCII.plus {
            negative = bytes[index] == ASCII.minus
            index += 1
        }
        let signEnd = index
        var digits = DecimalDigits()
        var groupLength = 0
        var grouped = false
        while index < upper {
            let byte = bytes[index]
            if ASCII.isDigit(byte) {
                digits.appendIntegerDigit(byte &- ASCII.zero)
                groupLength += 1
            } else if byte == groupSeparator {
                // The first group holds 1–3 digits, every later one exactly 3.
                guard groupLength >= 1, grouped ? groupLength == 3 : groupLength <= 3 else {
                    return .notANumber
                }
                grouped = true
                groupLength = 0
            } else {
                break
            }
            index += 1
        }
        if grouped, groupLength != 3 { return .notANumber }
        if index < upper, bytes[index] == decimalMark {
            index += 1
            while index < upper, ASCII.isDigit(bytes[index]) {
                digits.appendFractionDigit(bytes[index] &- ASCII.zero)
                index += 1
            }
        }
        guard digits.hasDigits else { return Self.isNonFiniteWord(bytes, signEnd..<upper) ? .nonFinite : .notANumber }
        var exponent = ExponentDigits()
        var negativeExponent = false
        if index < upper, bytes[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            if index < upper, bytes[index] == ASCII.minus || bytes[index] == ASCII.plus {
                negativeExponent = bytes[index] == ASCII.minus
                index += 1
            }
            while index < upper, ASCII.isDigit(bytes[index]) {
                exponent.append(bytes[index] &- ASCII.zero)
                index += 1
            }
            guard exponent.hasDigits else { return .notANumber }
        }
        guard index == upper else { return .notANumber }
        let power = negativeExponent ? -exponent.value : exponent.value
        if let value = digits.fastValue(negative: negative, exponent: power) { return .value(value) }
        return slowValue(bytes, range.lowerBound..<upper)
    }

    /// The correctly rounded value of a number the fast path cannot convert exactly.
    private func slowValue(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Parsed {
        var text = ""
        text.reserveCapacity(range.count)
        for index in range {
            let byte = bytes[index]
            if byte == groupSeparator { continue }
            text.unicodeScalars.append(Unicode.Scalar(byte == decimalMark ? ASCII.period : byte))
        }
        guard let value = Double(text) else { return .notANumber }
        return value.isFinite ? .value(value) : .nonFinite
    }

    private static let nonFiniteWords: [[UInt8]] = [Array("nan".utf8), Array("inf".utf8), Array("infinity".utf8)]

    /// Whether the text after an optional sign spells NaN or infinity, in any case.
    static func isNonFiniteWord(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        nonFiniteWords.contains { ASCII.equalsIgnoringCase(bytes, range, $0) }
    }
}
