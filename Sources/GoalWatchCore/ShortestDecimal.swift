/// The shortest decimal digits that read back to the same `Double` — the digits Go and Swift both
/// print — and the power of ten of the first digit; each printer then picks its own notation
/// (Go's `%v` for templates, PromQL's literals, JSON numbers in notification payloads).
public enum ShortestDecimal {
    /// `1500` gives `("15", 3)`, `1.5e-07` gives `("15", -7)`. `value` must be positive and finite.
    public static func digits(of value: Double) -> (digits: String, exponent: Int) {
        let text = "\(value)"
        var mantissa = Substring(text)
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            exponent = Int(text[text.index(after: e)...]) ?? 0
        }
        let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        let integerPart = parts.first.map(String.init) ?? ""
        let fractionPart = parts.count > 1 ? String(parts[1]) : ""
        var digits = integerPart + fractionPart
        exponent += integerPart.count - 1
        while digits.hasPrefix("0") && digits.count > 1 {
            digits.removeFirst()
            exponent -= 1
        }
        while digits.hasSuffix("0") && digits.count > 1 { digits.removeLast() }
        return (digits, exponent)
    }
}
