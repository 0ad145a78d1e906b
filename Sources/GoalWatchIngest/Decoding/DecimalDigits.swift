/// The digits of a decimal number as read from text, converted to the nearest `Double`.
///
/// Up to 19 significant digits are kept in an integer. When that integer is at most 2^53 and the
/// decimal exponent within ±22, one multiplication or division by an exact power of ten is correctly
/// rounded (both operands are exact doubles), which covers nearly every value a KPI export holds.
/// Anything else goes to the standard library's correctly rounded parser.
struct DecimalDigits {
    private var mantissa: UInt64 = 0
    private var keptDigits = 0
    /// Decimal exponent of the last kept digit.
    private var scale = 0
    /// Whether digits beyond the 19th were dropped, which rules the fast path out.
    private var truncated = false
    /// Whether any digit was read.
    private(set) var hasDigits = false

    private static let maximumKeptDigits = 19
    private static let exactPowersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    /// Adds a digit (0–9) before the decimal mark.
    @inline(__always)
    mutating func appendIntegerDigit(_ digit: UInt8) {
        hasDigits = true
        if keptDigits < Self.maximumKeptDigits {
            mantissa = mantissa &* 10 &+ UInt64(digit)
            if mantissa != 0 { keptDigits += 1 }
        } else {
            scale += 1
            if digit != 0 { truncated = true }
        }
    }

    /// Adds a digit (0–9) after the decimal mark.
    @inline(__always)
    mutating func appendFractionDigit(_ digit: UInt8) {
        hasDigits = true
        if keptDigits < Self.maximumKeptDigits {
            mantissa = mantissa &* 10 &+ UInt64(digit)
            if mantissa != 0 { keptDigits += 1 }
            scale -= 1
        } else if digit != 0 {
            truncated = true
        }
    }

    /// The value with an explicit exponent (`e+17`) applied, when the fast path is exact; else `nil`.
    func fastValue(negative: Bool, exponent: Int) -> Double? {
        if mantissa == 0 { return negative ? -0.0 : 0.0 }
        guard !truncated, mantissa <= 1 << 53 else { return nil }
        let power = scale + exponent
        guard power >= -22, power <= 22 else { return nil }
        let magnitude = power < 0
            ? Double(mantissa) / Self.exactPowersOfTen[-power]
            : Double(mantissa) * Self.exactPowersOfTen[power]
        return negative ? -magnitude : magnitude
    }
}

/// Accumulates an exponent's digits without overflowing: beyond any double's range the value is already
/// 0 or infinite, so the exponent saturates.
struct ExponentDigits {
    private(set) var value = 0
    private(set) var hasDigits = false

    @inline(__always)
    mutating func append(_ digit: UInt8) {
        hasDigits = true
        if value < 100_000 { value = value * 10 + Int(digit) }
    }
}
