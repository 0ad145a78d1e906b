import GoalWatchCore

/// A date and time of day read from a cell, with the UTC offset when the cell carries one.
struct CivilTime {
    var year = 0
    var month = 0
    var day = 0
    var hour = 0
    var minute = 0
    var second = 0
    var millisecond = 0
    /// Seconds east of UTC, when written in the cell.
    var offsetSeconds: Int?

    /// Seconds since the epoch of these fields read as UTC (before any offset or zone is applied).
    var secondsAsUTC: Int64 {
        let days = Int64(CivilDate.daysSinceEpoch(year: year, month: month, day: day))
        return days * 86_400 + Int64(hour * 3600 + minute * 60 + min(second, 59))
    }
}

/// English month and weekday names, the only language social tools' exports use for them.
enum EnglishCalendarNames {
    static let months = [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ]
    /// Monday first, as ISO 8601 counts.
    static let weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

    static let monthBytes = months.map { Array($0.utf8) }
    static let weekdayBytes = weekdays.map { Array($0.utf8) }

    /// The weekday (0 = Monday) of a day counted from 1970-01-01, which was a Thursday.
    static func weekday(daysSinceEpoch days: Int) -> Int {
        ((days + 3) % 7 + 7) % 7
    }

    /// Why a year, month and day do not name a date, for "expected a real calendar date" messages.
    static func dateProblem(year: Int, month: Int, day: Int) -> String {
        guard (1...12).contains(month) else { return "there is no month \(month)" }
        return "\(months[month - 1]) \(year) has \(CivilDate.daysInMonth(year: year, month: month)) days"
    }
}

extension TimePattern {
    /// Reads the cell at `range` of `bytes` (trimmed) into calendar fields, checking that the date is
    /// real, the time of day exists, and a written weekday matches the date.
    func match(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) throws(CellError) -> CivilTime {
        var time = CivilTime()
        var reader = PatternReader(bytes: bytes, index: range.lowerBound, end: range.upperBound)
        var weekday: Int?
        var hour12: Int?
        var afternoon = false
        for element in elements {
            switch element {
            case .literal(let literal):
                guard reader.skip(literal) else { throw mismatch(bytes, range) }
            case .number(let field, let minDigits, let maxDigits):
                guard let value = reader.number(minDigits: minDigits, maxDigits: maxDigits) else {
                    throw mismatch(bytes, range)
                }
                switch field {
                case .year: time.year = value
                case .twoDigitYear: time.year = 2000 + value
                case .month: time.month = value
                case .day: time.day = value
                case .hour24: time.hour = value
                case .hour12: hour12 = value
                case .minute: time.minute = value
                case .second: time.second = value
                }
            case .monthName(let abbreviated):
                guard let month = reader.name(EnglishCalendarNames.monthBytes, abbreviated: abbreviated) else {
                    throw mismatch(bytes, range)
                }
                time.month = month + 1
            case .weekdayName(let abbreviated):
                guard let day = reader.name(EnglishCalendarNames.weekdayBytes, abbreviated: abbreviated) else {
                    throw mismatch(bytes, range)
                }
                weekday = day
            case .dayPeriod:
                guard let period = reader.name([Array("AM".utf8), Array("PM".utf8)], abbreviated: false) else {
                    throw mismatch(bytes, range)
                }
                afternoon = period == 1
            case .fraction(let digits):
                guard let value = reader.number(minDigits: digits, maxDigits: digits) else { throw mismatch(bytes, range) }
                time.millisecond = Self.milliseconds(fraction: value, digits: digits)
            case .offset:
                guard let offset = reader.offset() else { throw mismatch(bytes, range) }
                time.offsetSeconds = offset
            }
        }
        guard reader.atEnd else { throw mismatch(bytes, range) }
        if let hour12 {
            guard (1...12).contains(hour12) else { throw noSuchTime(bytes, range) }
            time.hour = hour12 % 12 + (afternoon ? 12 : 0)
        }
        guard CivilDate.isValid(year: time.year, month: time.month, day: time.day) else {
            let problem = EnglishCalendarNames.dateProblem(year: time.year, month: time.month, day: time.day)
            throw CellError("expected a real calendar date, found \(FoundText.quoted(bytes, range)) (\(problem))")
        }
        guard CivilDate.isValid(year: time.year, month: time.month, day: time.day,
                                hour: time.hour, minute: time.minute, second: time.second)
        else { throw noSuchTime(bytes, range) }
        if let weekday {
            let actual = EnglishCalendarNames.weekday(
                daysSinceEpoch: CivilDate.daysSinceEpoch(year: time.year, month: time.month, day: time.day))
            guard actual == weekday else {
                throw CellError(
                    "expected \(EnglishCalendarNames.weekdays[actual]) for that date, found \(FoundText.quoted(bytes, range)) (a \(EnglishCalendarNames.weekdays[weekday]))")
            }
        }
        return time
    }

    private static func milliseconds(fraction: Int, digits: Int) -> Int {
        var value = fraction
        var count = digits
        while count < 3 {
            value *= 10
            count += 1
        }
        while count > 3 {
            value /= 10
            count -= 1
        }
        return value
    }

    private func mismatch(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> CellError {
        CellError("expected a time written as \(FoundText.quoted(text)), found \(FoundText.quoted(bytes, range))")
    }

    private func noSuchTime(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> CellError {
        CellError("expected a time of day from 00:00 to 23:59, found \(FoundText.quoted(bytes, range))")
    }
}

/// A cursor over one cell for ``TimePattern/match(_:_:)``.
private struct PatternReader {
    let bytes: UnsafeBufferPointer<UInt8>
    var index: Int
    let end: Int

    var atEnd: Bool { index == end }

    mutating func skip(_ literal: [UInt8]) -> Bool {
        guard ASCII.matches(bytes, at: index, end: end, literal) else { return false }
        index += literal.count
        return true
    }

    /// Reads between `minDigits` and `maxDigits` digits, as many as there are.
    mutating func number(minDigits: Int, maxDigits: Int) -> Int? {
        var value = 0
        var count = 0
        while count < maxDigits, index < end, ASCII.isDigit(bytes[index]) {
            value = value * 10 + Int(bytes[index] &- ASCII.zero)
            index += 1
            count += 1
        }
        return count >= minDigits ? value : nil
    }

    /// Reads a name from `names` in any case (its first three letters when `abbreviated`); returns its index.
    mutating func name(_ names: [[UInt8]], abbreviated: Bool) -> Int? {
        for (position, name) in names.enumerated() {
            let expected = abbreviated ? Array(name.prefix(3)) : name
            let candidate = index..<min(index + expected.count, end)
            if ASCII.equalsIgnoringCase(bytes, candidate, expected) {
                index = candidate.upperBound
                return position
            }
        }
        return nil
    }

    /// Reads `Z`, `±HH`, `±HHMM` or `±HH:MM`; returns seconds east of UTC.
    mutating func offset() -> Int? {
        guard index < end else { return nil }
        if bytes[index] | 0x20 == UInt8(ascii: "z") {
            index += 1
            return 0
        }
        guard bytes[index] == ASCII.plus || bytes[index] == ASCII.minus else { return nil }
        let sign = bytes[index] == ASCII.minus ? -1 : 1
        index += 1
        guard let hours = number(minDigits: 2, maxDigits: 2), hours <= 23 else { return nil }
        var minutes = 0
        if index < end, bytes[index] == UInt8(ascii: ":") {
            index += 1
            guard let value = number(minDigits: 2, maxDigits: 2) else { return nil }
            minutes = value
        } else if let value = number(minDigits: 2, maxDigits: 2) {
            minutes = value
        }
        guard minutes < 60 else { return nil }
        return sign * (hours * 3600 + minutes * 60)
    }
}
