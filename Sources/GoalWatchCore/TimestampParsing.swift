extension Timestamp {
    /// Parses RFC 3339 (`2026-03-01T12:00:00Z`, `2026-03-01T14:00:00.5+02:00`); `nil` when malformed
    /// or when a field is out of range (month 13, 31 April, hour 24).
    ///
    /// A space may stand for `T` and the letters may be lower case, as RFC 3339 §5.6 allows.
    public init?(rfc3339 text: String) {
        var text = text
        guard let parsed = text.withUTF8({ Timestamp.parseRFC3339($0) }) else { return nil }
        self = parsed
    }

    /// RFC 3339 parser over raw bytes, for decoders that never build a `String` per cell.
    public static func parseRFC3339(_ bytes: UnsafeBufferPointer<UInt8>) -> Timestamp? {
        var reader = DigitReader(bytes: bytes)
        guard let year = reader.digits(4), reader.skip("-"),
              let month = reader.digits(2), reader.skip("-"),
              let day = reader.digits(2)
        else { return nil }
        guard reader.skip("T") || reader.skip("t") || reader.skip(" ") else { return nil }
        guard let hour = reader.digits(2), reader.skip(":"),
              let minute = reader.digits(2), reader.skip(":"),
              let second = reader.digits(2)
        else { return nil }
        var millis = 0
        if reader.skip(".") {
            var scale = 100
            var count = 0
            while let digit = reader.digit() {
                millis += digit * scale
                scale /= 10
                count += 1
            }
            guard count > 0 else { return nil }
        }
        var offsetSeconds = 0
        if reader.skip("Z") || reader.skip("z") {
            offsetSeconds = 0
        } else if let sign = reader.sign(), let offsetHours = reader.digits(2), reader.skip(":"),
                  let offsetMinutes = reader.digits(2), offsetHours < 24, offsetMinutes < 60 {
            offsetSeconds = sign * (offsetHours * 3600 + offsetMinutes * 60)
        } else {
            return nil
        }
        guard reader.atEnd,
              CivilDate.isValid(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        else { return nil }
        let days = CivilDate.daysSinceEpoch(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + min(second, 59) - offsetSeconds
        return Timestamp(milliseconds: Int64(seconds) * 1000 + Int64(millis))
    }

    /// Parses a time as the CLI accepts it: RFC 3339, Unix seconds, `now`, or `now` plus or minus a
    /// duration (`now-2h`, `now+1d`).
    public static func parse(_ text: String, now: Timestamp) throws(InputError) -> Timestamp {
        let trimmed = text.trimmingWhitespace
        if trimmed == "now" { return now }
        if trimmed.hasPrefix("now") {
            let rest = trimmed.dropFirst(3)
            if let sign = rest.first, sign == "-" || sign == "+", let span = TimeSpan(String(rest.dropFirst())) {
                return sign == "-" ? now - span : now + span
            }
        }
        if let instant = Timestamp(rfc3339: trimmed) { return instant }
        if let seconds = Double(trimmed), seconds.isFinite { return Timestamp(unixSeconds: seconds) }
        throw InputError("expected a time as RFC 3339 (2026-03-01T00:00:00Z), Unix seconds, or now-<duration> (now-2h), found \"\(text)\"")
    }
}

/// Reads fixed-width digit fields from a byte buffer.
struct DigitReader {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0

    var atEnd: Bool { index == bytes.count }

    mutating func digit() -> Int? {
        guard index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 else { return nil }
        defer { index += 1 }
        return Int(bytes[index] - 0x30)
    }

    mutating func digits(_ count: Int) -> Int? {
        var value = 0
        for _ in 0..<count {
            guard let digit = digit() else { return nil }
            value = value * 10 + digit
        }
        return value
    }

    mutating func skip(_ character: Unicode.Scalar) -> Bool {
        guard index < bytes.count, bytes[index] == UInt8(character.value) else { return false }
        index += 1
        return true
    }

    mutating func sign() -> Int? {
        if skip("+") { return 1 }
        if skip("-") { return -1 }
        return nil
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and newlines.
    var trimmingWhitespace: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
