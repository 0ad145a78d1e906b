import GoalWatchCore

/// How payloads write instants.
enum PayloadTime {
    /// Go's zero `time.Time` as its JSON encoder writes it: what Alertmanager sends as `endsAt` while an
    /// alert fires.
    static let goZero = "0001-01-01T00:00:00Z"

    /// RFC 3339 in UTC as Go's `time.Time` JSON encoding writes it (`time.RFC3339Nano`): fractional
    /// seconds only when not zero, trailing zeros trimmed (`…:05Z`, `…:05.12Z`).
    static func rfc3339(_ instant: Timestamp) -> String {
        var text = instant.rfc3339  // `.120Z` when the milliseconds are not zero
        guard instant.milliseconds % 1000 != 0 else { return text }
        text.removeLast()  // the `Z`
        while text.utf8.last == UInt8(ascii: "0") { text.removeLast() }
        return text + "Z"
    }

    /// RFC 3339 in UTC to the whole second (`2026-03-14T09:00:00Z`), the form Adaptive Cards' `DATE()`
    /// and `TIME()` functions accept.
    static func rfc3339Seconds(_ instant: Timestamp) -> String {
        Timestamp(milliseconds: unixSeconds(instant) * 1000).rfc3339
    }

    /// Whole Unix seconds, rounded down.
    static func unixSeconds(_ instant: Timestamp) -> Int64 {
        let (quotient, remainder) = instant.milliseconds.quotientAndRemainder(dividingBy: 1000)
        return remainder < 0 ? quotient - 1 : quotient
    }
}
