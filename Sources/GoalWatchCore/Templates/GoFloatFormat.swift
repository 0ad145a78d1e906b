/// Go's `%v` for a float64: the shortest digits that round-trip, in exponent form when the decimal
/// exponent is below -4 or at least the larger of 6 and the digit count (`1e+06`, `1.234567e+06`,
/// `100000`, `0.0001`, `1e-05`).
enum GoFloatFormat {
    static func shortest(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        if value == 0 { return value.sign == .minus ? "-0" : "0" }
        let (digits, firstDigitExponent) = ShortestDecimal.digits(of: abs(value))
        let pointPosition = firstDigitExponent + 1
        let sign = value < 0 ? "-" : ""
        let exponent = pointPosition - 1
        var threshold = 6
        if threshold > digits.count && digits.count >= pointPosition { threshold = digits.count }
        if exponent < -4 || exponent >= threshold {
            var mantissa = String(digits.first ?? "0")
            if digits.count > 1 { mantissa += "." + digits.dropFirst() }
            let exponentDigits = String(abs(exponent))
            let padded = exponentDigits.count < 2 ? "0" + exponentDigits : exponentDigits
            return "\(sign)\(mantissa)e\(exponent < 0 ? "-" : "+")\(padded)"
        }
        if pointPosition <= 0 {
            return sign + "0." + String(repeating: "0", count: -pointPosition) + digits
        }
        if pointPosition >= digits.count {
            return sign + digits + String(repeating: "0", count: pointPosition - digits.count)
        }
        let index = digits.index(digits.startIndex, offsetBy: pointPosition)
        return sign + digits[..<index] + "." + digits[index...]
    }
}
