/// Byte sizes as configuration files write them: `1048576`, `64KiB`, `256MiB`, `1MB`.
public enum ByteSize {
    /// Units and their factors; `B` alone means bytes. Binary units are powers of 1024, decimal ones of 1000.
    static let units: [String: Int] = [
        "B": 1,
        "KiB": 1 << 10, "MiB": 1 << 20, "GiB": 1 << 30, "TiB": 1 << 40,
        "kB": 1000, "KB": 1000, "MB": 1_000_000, "GB": 1_000_000_000, "TB": 1_000_000_000_000,
    ]

    /// The number of bytes `text` stands for: digits, optionally a space, optionally a unit.
    ///
    /// - Returns: `nil` when `text` is not a byte size or does not fit in an `Int`.
    public static func parse(_ text: String) -> Int? {
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, let number = Int(digits) else { return nil }
        var unit = text.dropFirst(digits.count)
        if unit.first == " " { unit = unit.dropFirst() }
        if unit.isEmpty { return number }
        guard let factor = units[String(unit)] else { return nil }
        let (bytes, overflow) = number.multipliedReportingOverflow(by: factor)
        return overflow ? nil : bytes
    }
}
