/// A length of time in milliseconds, written in Prometheus' duration syntax: `90s`, `1h30m`, `7d`, `1w`, `1y`.
///
/// Units, largest first and each at most once: `y` (365 days), `w`, `d`, `h`, `m`, `s`, `ms`.
/// `0` alone means zero. Durations between instants are wall-clock milliseconds (no calendar arithmetic).
public struct TimeSpan: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The length in milliseconds; never negative when parsed.
    public var milliseconds: Int64

    public init(milliseconds: Int64) {
        self.milliseconds = milliseconds
    }

    public static func seconds(_ value: Int64) -> TimeSpan { TimeSpan(milliseconds: value * 1000) }
    public static func minutes(_ value: Int64) -> TimeSpan { .seconds(value * 60) }
    public static func hours(_ value: Int64) -> TimeSpan { .minutes(value * 60) }
    public static func days(_ value: Int64) -> TimeSpan { .hours(value * 24) }

    /// The length in (possibly fractional) seconds.
    public var seconds: Double { Double(milliseconds) / 1000 }

    private static let units: [(suffix: String, milliseconds: Int64)] = [
        ("y", 365 * 86_400_000), ("w", 7 * 86_400_000), ("d", 86_400_000),
        ("h", 3_600_000), ("m", 60_000), ("s", 1000), ("ms", 1),
    ]

    /// Parses Prometheus' duration syntax; `nil` when `text` is not a valid duration.
    public init?(_ text: String) {
        if text == "0" {
            self.init(milliseconds: 0)
            return
        }
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty else { return nil }
        var index = 0
        var total: Int64 = 0
        var nextUnit = 0  // units must appear largest first, each at most once
        while index < bytes.count {
            var number: Int64 = 0
            let digitsStart = index
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
                let (product, overflow1) = number.multipliedReportingOverflow(by: 10)
                let (sum, overflow2) = product.addingReportingOverflow(Int64(bytes[index] - 0x30))
                guard !overflow1, !overflow2 else { return nil }
                number = sum
                index += 1
            }
            guard index > digitsStart, index < bytes.count else { return nil }
            var matched: Int?
            // "ms" must win over "m" when both could match.
            if bytes[index] == UInt8(ascii: "m"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "s") {
                matched = 6
                index += 2
            } else {
                let unit = Character(UnicodeScalar(bytes[index]))
                matched = TimeSpan.units.firstIndex { $0.suffix == String(unit) }
                index += 1
            }
            guard let unitIndex = matched, unitIndex >= nextUnit else { return nil }
            nextUnit = unitIndex + 1
            let (scaled, overflow1) = number.multipliedReportingOverflow(by: TimeSpan.units[unitIndex].milliseconds)
            let (sum, overflow2) = total.addingReportingOverflow(scaled)
            guard !overflow1, !overflow2 else { return nil }
            total = sum
        }
        self.init(milliseconds: total)
    }

    /// Prometheus' canonical form: `1h30m`, `2w`, `0s`.
    public var description: String {
        if milliseconds == 0 { return "0s" }
        var rest = milliseconds
        var out = milliseconds < 0 ? "-" : ""
        rest = abs(rest)
        for unit in TimeSpan.units where rest >= unit.milliseconds {
            out += "\(rest / unit.milliseconds)\(unit.suffix)"
            rest %= unit.milliseconds
        }
        return out
    }

    public static func < (lhs: TimeSpan, rhs: TimeSpan) -> Bool { lhs.milliseconds < rhs.milliseconds }

    public static func + (lhs: TimeSpan, rhs: TimeSpan) -> TimeSpan {
        TimeSpan(milliseconds: lhs.milliseconds + rhs.milliseconds)
    }

    public static func - (lhs: TimeSpan, rhs: TimeSpan) -> TimeSpan {
        TimeSpan(milliseconds: lhs.milliseconds - rhs.milliseconds)
    }
}
