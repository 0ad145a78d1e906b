/// An instant, as milliseconds since the Unix epoch (UTC), the resolution Prometheus uses.
public struct Timestamp: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// Milliseconds since 1970-01-01T00:00:00Z.
    public var milliseconds: Int64

    public init(milliseconds: Int64) {
        self.milliseconds = milliseconds
    }

    /// An instant from (possibly fractional) Unix seconds, rounded to the millisecond.
    public init(unixSeconds: Double) {
        self.init(milliseconds: Int64((unixSeconds * 1000).rounded()))
    }

    /// The instant as (possibly fractional) Unix seconds, as PromQL's `time()` reports it.
    public var unixSeconds: Double { Double(milliseconds) / 1000 }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool { lhs.milliseconds < rhs.milliseconds }

    public static func + (lhs: Timestamp, rhs: TimeSpan) -> Timestamp {
        Timestamp(milliseconds: lhs.milliseconds + rhs.milliseconds)
    }

    public static func - (lhs: Timestamp, rhs: TimeSpan) -> Timestamp {
        Timestamp(milliseconds: lhs.milliseconds - rhs.milliseconds)
    }

    public static func - (lhs: Timestamp, rhs: Timestamp) -> TimeSpan {
        TimeSpan(milliseconds: lhs.milliseconds - rhs.milliseconds)
    }

    /// RFC 3339 in UTC: `2026-03-01T00:00:00Z`, with milliseconds only when they are not zero.
    public var description: String { rfc3339 }

    /// RFC 3339 in UTC: `2026-03-01T00:00:00Z`, with `.123` milliseconds only when they are not zero.
    public var rfc3339: String {
        let (days, msOfDay) = milliseconds.floorDivided(by: 86_400_000)
        let date = CivilDate.date(daysSinceEpoch: Int(days))
        let seconds = Int(msOfDay / 1000)
        let millis = Int(msOfDay % 1000)
        if (0...9999).contains(date.year) {
            // Digit by digit: payloads write several instants per alert.
            var bytes: [UInt8] = []
            bytes.reserveCapacity(24)
            func digits(_ value: Int, _ width: Int) {
                var divisor = 1
                for _ in 1..<width { divisor *= 10 }
                while divisor > 0 {
                    bytes.append(UInt8(ascii: "0") + UInt8(value / divisor % 10))
                    divisor /= 10
                }
            }
            digits(date.year, 4)
            bytes.append(UInt8(ascii: "-"))
            digits(date.month, 2)
            bytes.append(UInt8(ascii: "-"))
            digits(date.day, 2)
            bytes.append(UInt8(ascii: "T"))
            digits(seconds / 3600, 2)
            bytes.append(UInt8(ascii: ":"))
            digits(seconds / 60 % 60, 2)
            bytes.append(UInt8(ascii: ":"))
            digits(seconds % 60, 2)
            if millis != 0 {
                bytes.append(UInt8(ascii: "."))
                digits(millis, 3)
            }
            bytes.append(UInt8(ascii: "Z"))
            return String(decoding: bytes, as: UTF8.self)
        }
        var text = "\(pad(date.year, 4))-\(pad(date.month, 2))-\(pad(date.day, 2))T"
        text += "\(pad(seconds / 3600, 2)):\(pad(seconds / 60 % 60, 2)):\(pad(seconds % 60, 2))"
        if millis != 0 { text += ".\(pad(millis, 3))" }
        return text + "Z"
    }

    private func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(abs(value))
        let sign = value < 0 ? "-" : ""
        return sign + String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}

extension Int64 {
    /// Floor division and the matching non-negative remainder.
    func floorDivided(by divisor: Int64) -> (quotient: Int64, remainder: Int64) {
        let (quotient, remainder) = quotientAndRemainder(dividingBy: divisor)
        return remainder < 0 ? (quotient - 1, remainder + divisor) : (quotient, remainder)
    }
}
