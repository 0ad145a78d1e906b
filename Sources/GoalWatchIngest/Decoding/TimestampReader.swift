import GoalWatchCore

/// Reads a time written in a cell or a JSON value into milliseconds since the epoch, as one
/// ``TimestampColumn`` describes it, and keeps it within years 0001–9999 so that arithmetic never overflows.
struct TimestampReader: Sendable {
    private enum Kind: Sendable {
        case rfc3339
        case unixSeconds
        case unixMilliseconds
        case pattern(TimePattern)
    }

    private let kind: Kind
    private let zone: LocalTimeConverter

    /// Earliest and latest instants accepted: 0001-01-01T00:00:00Z and 9999-12-31T23:59:59.999Z.
    static let range: ClosedRange<Int64> = -62_135_596_800_000...253_402_300_799_999

    /// RFC 3339 times, with bare dates at UTC midnight: how JSON and NDJSON snapshots write time.
    static let rfc3339 = TimestampReader(kind: .rfc3339, zone: .utc)

    private init(kind: Kind, zone: LocalTimeConverter) {
        self.kind = kind
        self.zone = zone
    }

    /// The reader for a CSV timestamp mapping; refuses an unknown time zone or an unsupported pattern.
    init(_ column: TimestampColumn) throws(CellError) {
        zone = try LocalTimeConverter(identifier: column.timeZone)
        switch column.format {
        case .rfc3339: kind = .rfc3339
        case .unixSeconds: kind = .unixSeconds
        case .unixMilliseconds: kind = .unixMilliseconds
        case .pattern(let text): kind = .pattern(try TimePattern(text))
        }
    }

    /// Reads the text at `range` of `bytes`, already trimmed.
    func read(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) throws(CellError) -> Int64 {
        switch kind {
        case .rfc3339:
            return try readRFC3339(bytes, range)
        case .unixSeconds, .unixMilliseconds:
            guard case .value(let number) = CSVNumberSyntax(decimalMark: ASCII.period).parse(bytes, range) else {
                let unit = if case .unixSeconds = kind { "seconds" } else { "milliseconds" }
                throw CellError("expected Unix \(unit) (a number), found \(FoundText.quoted(bytes, range))")
            }
            if case .unixSeconds = kind { return try Self.milliseconds(unixSeconds: number) }
            return try Self.milliseconds(exactly: number.rounded())
        case .pattern(let pattern):
            let time = try pattern.match(bytes, range)
            return try utcMilliseconds(time, bytes, range)
        }
    }

    /// Milliseconds for a number of Unix seconds, refused outside years 0001–9999.
    static func milliseconds(unixSeconds: Double) throws(CellError) -> Int64 {
        try milliseconds(exactly: (unixSeconds * 1000).rounded())
    }

    private static func milliseconds(exactly value: Double) throws(CellError) -> Int64 {
        guard value >= Double(range.lowerBound), value <= Double(range.upperBound) else {
            throw CellError("expected a time between years 0001 and 9999, found \(value) ms since 1970")
        }
        return Int64(value)
    }

    private func readRFC3339(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) throws(CellError) -> Int64 {
        if range.count == 10, let date = Self.dateFields(bytes, range.lowerBound) {
            guard CivilDate.isValid(year: date.year, month: date.month, day: date.day) else {
                throw impossibleDate(date, bytes, range)
            }
            return try utcMilliseconds(CivilTime(year: date.year, month: date.month, day: date.day), bytes, range)
        }
        if let instant = Timestamp.parseRFC3339(UnsafeBufferPointer(rebasing: bytes[range])) {
            guard Self.range.contains(instant.milliseconds) else {
                throw CellError("expected a time between years 0001 and 9999, found \(FoundText.quoted(bytes, range))")
            }
            return instant.milliseconds
        }
        // Say precisely what is wrong when the shape is right but a field is out of range.
        if range.count >= 10, let date = Self.dateFields(bytes, range.lowerBound),
           !CivilDate.isValid(year: date.year, month: date.month, day: date.day) {
            throw impossibleDate(date, bytes, range)
        }
        if range.count >= 16, Self.dateFields(bytes, range.lowerBound) != nil,
           let hour = Self.twoDigits(bytes, range.lowerBound + 11), bytes[range.lowerBound + 13] == UInt8(ascii: ":"),
           let minute = Self.twoDigits(bytes, range.lowerBound + 14), hour > 23 || minute > 59 {
            throw CellError("expected a time of day from 00:00 to 23:59, found \(FoundText.quoted(bytes, range))")
        }
        throw CellError(
            "expected an RFC 3339 time such as 2026-03-01T00:00:00Z or a date such as 2026-03-01, found \(FoundText.quoted(bytes, range))")
    }

    private func impossibleDate(
        _ date: (year: Int, month: Int, day: Int), _ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>
    ) -> CellError {
        let problem = EnglishCalendarNames.dateProblem(year: date.year, month: date.month, day: date.day)
        return CellError("expected a real calendar date, found \(FoundText.quoted(bytes, range)) (\(problem))")
    }

    /// Applies the cell's offset, else the column's zone.
    private func utcMilliseconds(
        _ time: CivilTime, _ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>
    ) throws(CellError) -> Int64 {
        let local = time.secondsAsUTC
        let seconds: Int64
        if let offset = time.offsetSeconds {
            seconds = local - Int64(offset)
        } else if let utc = zone.utcSeconds(fromLocal: local) {
            seconds = utc
        } else {
            throw CellError(
                "expected a time that exists in \(zone.name), found \(FoundText.quoted(bytes, range)) (the clocks skip it when daylight saving time starts)")
        }
        let milliseconds = seconds * 1000 + Int64(time.millisecond)
        guard Self.range.contains(milliseconds) else {
            throw CellError("expected a time between years 0001 and 9999, found \(FoundText.quoted(bytes, range))")
        }
        return milliseconds
    }

    /// `yyyy-MM-dd` at `start`, without range checks.
    private static func dateFields(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int) -> (year: Int, month: Int, day: Int)? {
        guard start + 10 <= bytes.count, bytes[start + 4] == ASCII.minus, bytes[start + 7] == ASCII.minus,
              let century = twoDigits(bytes, start), let yearInCentury = twoDigits(bytes, start + 2),
              let month = twoDigits(bytes, start + 5), let day = twoDigits(bytes, start + 8)
        else { return nil }
        return (century * 100 + yearInCentury, month, day)
    }

    private static func twoDigits(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int) -> Int? {
        guard start + 2 <= bytes.count, ASCII.isDigit(bytes[start]), ASCII.isDigit(bytes[start + 1]) else { return nil }
        return Int(bytes[start] &- ASCII.zero) * 10 + Int(bytes[start + 1] &- ASCII.zero)
    }
}

extension TimestampReader {
    /// Reads a time held in a decoded string (a JSON value).
    func read(_ text: String) throws(CellError) -> Int64 {
        let utf8 = Array(text.utf8)
        return try utf8.withUnsafeBufferPointer { (bytes) throws(CellError) -> Int64 in
            try read(bytes, ASCII.trimmed(0..<bytes.count, in: bytes))
        }
    }
}
