/// An expected goal figure, compared to the precision it was written with: it matches an actual figure
/// that rounds to it. `0.38` matches 0.375…0.385, `14400` matches 14399.5…14400.5, `1.5e3` matches
/// 1450…1550. (A relative slack of 1e-9 keeps binary rounding at the edges from deciding.) `.inf`, `-.inf`
/// and `.nan` match only themselves; no expected figure matches a figure that is absent.
public struct ExpectedFigure: Sendable, Hashable, CustomStringConvertible {
    /// The value written.
    public var value: Double
    /// The value as written, for messages.
    public var text: String
    /// The largest difference that still matches: half a unit of the last digit written.
    public var tolerance: Double
    /// Where it is written.
    public var location: SourceLocation

    /// Reads a figure as written; `nil` when `text` is not a number.
    ///
    /// Numbers are decimal (`12`, `-0.5`, `1e3`, `2.5E-3`), YAML's `.inf`, `-.inf`, `.nan` in any of
    /// YAML's spellings, or PromQL's `Inf`, `-Inf`, `NaN`.
    public init?(_ text: String, location: SourceLocation) {
        guard let value = DecimalText.number(text) else { return nil }
        self.value = value
        self.text = text
        self.location = location
        tolerance = value.isFinite ? DecimalText.halfUnitOfLastDigit(text) : 0
    }

    /// Whether `actual` matches.
    public func matches(_ actual: Double?) -> Bool {
        guard let actual else { return false }
        if value.isNaN || actual.isNaN { return value.isNaN && actual.isNaN }
        if !value.isFinite || !actual.isFinite { return value == actual }
        return abs(actual - value) <= tolerance + 1e-9 * max(abs(value), abs(actual))
    }

    /// The figure as written.
    public var description: String { text }
}

/// Numbers as rule test files write them.
enum DecimalText {
    /// A decimal number, YAML's `.inf`/`.nan` forms or PromQL's `Inf`/`NaN`; `nil` otherwise.
    static func number(_ text: String) -> Double? {
        var body = Substring(text)
        var sign = 1.0
        if let first = body.first, first == "+" || first == "-" {
            sign = first == "-" ? -1 : 1
            body = body.dropFirst()
        }
        switch body {
        case ".inf", ".Inf", ".INF", "Inf", "inf", "INF": return sign * .infinity
        case ".nan", ".NaN", ".NAN", "NaN", "nan", "NAN": return text == body ? .nan : nil
        default: break
        }
        guard isDecimal(body), let value = Double(body) else { return nil }
        return sign * value
    }

    /// Digits with an optional fraction and exponent: `12`, `1.5`, `.5`, `5.`, `1e3`, `2.5E-3`.
    static func isDecimal(_ text: Substring) -> Bool {
        let scalars = Array(text.unicodeScalars)
        var index = 0
        func digits() -> Int {
            let start = index
            while index < scalars.count, ("0"..."9").contains(scalars[index]) { index += 1 }
            return index - start
        }
        var mantissaDigits = digits()
        if index < scalars.count, scalars[index] == "." {
            index += 1
            mantissaDigits += digits()
        }
        guard mantissaDigits > 0 else { return false }
        if index < scalars.count, scalars[index] == "e" || scalars[index] == "E" {
            index += 1
            if index < scalars.count, scalars[index] == "+" || scalars[index] == "-" { index += 1 }
            guard digits() > 0 else { return false }
        }
        return index == scalars.count
    }

    /// Half a unit in the place of the last mantissa digit of a decimal number: 0.005 for `0.38`,
    /// 0.5 for `14400`, 50 for `1.5e3`.
    static func halfUnitOfLastDigit(_ text: String) -> Double {
        var mantissa = Substring(text)
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            exponent = Int(text[text.index(after: e)...].drop { $0 == "+" }) ?? 0
        }
        let decimals = mantissa.firstIndex(of: ".").map { mantissa.distance(from: $0, to: mantissa.endIndex) - 1 } ?? 0
        return 0.5 * pow10(exponent - decimals)
    }

    private static func pow10(_ power: Int) -> Double {
        var result = 1.0
        for _ in 0..<abs(power) { result *= 10 }
        return power < 0 ? 1 / result : result
    }
}
