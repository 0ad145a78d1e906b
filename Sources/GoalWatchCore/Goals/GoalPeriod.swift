import Foundation

/// The span a goal runs over: from `start` (inclusive) to `end` (exclusive), as instants.
///
/// Calendar forms are days in the evaluation time zone (DESIGN §6): `start: 2026-01-01` is 00:00 that
/// day, `end: 2026-03-31` is inclusive so the period ends at 00:00 on 1 April; `{quarter: 2026Q1}` and
/// `{month: 2026-02}` name the same kind of span. Lengths are wall-clock: a DST change makes a quarter
/// an hour shorter or longer.
public struct GoalPeriod: Sendable, Hashable {
    /// The first instant of the period.
    public var start: Timestamp
    /// The first instant after the period.
    public var end: Timestamp

    public init(start: Timestamp, end: Timestamp) {
        self.start = start
        self.end = end
    }

    /// The period's length.
    public var length: TimeSpan { end - start }

    /// The share of the period elapsed at `now`, clamped to 0…1.
    public func elapsedRatio(at now: Timestamp) -> Double {
        guard length.milliseconds > 0 else { return 1 }
        let ratio = Double((now - start).milliseconds) / Double(length.milliseconds)
        return min(1, max(0, ratio))
    }

    /// Whether `now` falls inside the period.
    public func contains(_ now: Timestamp) -> Bool { now >= start && now < end }

    /// The period from the first day's midnight to the midnight after the last day, in `timeZone`.
    public static func days(from first: CalendarDay, through last: CalendarDay, in timeZone: TimeZone) throws(InputError) -> GoalPeriod {
        let start = first.midnight(in: timeZone)
        let end = last.next.midnight(in: timeZone)
        guard start < end else {
            throw InputError("expected the period's end (\(last)) on or after its start (\(first))")
        }
        return GoalPeriod(start: start, end: end)
    }

    /// A calendar quarter such as `2026Q1`.
    public static func quarter(_ text: String, in timeZone: TimeZone) throws(InputError) -> GoalPeriod {
        let parts = text.uppercased().split(separator: "Q", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, let year = Int(parts[0]), let quarter = Int(parts[1]), (1...4).contains(quarter) else {
            throw InputError("expected a quarter such as 2026Q1, found \"\(text)\"")
        }
        let firstMonth = (quarter - 1) * 3 + 1
        let first = CalendarDay(year: year, month: firstMonth, day: 1)
        let lastMonth = firstMonth + 2
        let last = CalendarDay(year: year, month: lastMonth, day: CivilDate.daysInMonth(year: year, month: lastMonth))
        return try days(from: first, through: last, in: timeZone)
    }

    /// A calendar month such as `2026-02`.
    public static func month(_ text: String, in timeZone: TimeZone) throws(InputError) -> GoalPeriod {
        let parts = text.split(separator: "-")
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), (1...12).contains(month)
        else {
            throw InputError("expected a month such as 2026-02, found \"\(text)\"")
        }
        let last = CalendarDay(year: year, month: month, day: CivilDate.daysInMonth(year: year, month: month))
        return try days(from: CalendarDay(year: year, month: month, day: 1), through: last, in: timeZone)
    }
}
