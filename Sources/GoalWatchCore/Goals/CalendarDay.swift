import Foundation

/// A day of the calendar (`2026-03-31`), without a time zone until one is applied.
public struct CalendarDay: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `yyyy-MM-dd`; `nil` when malformed or not a real date.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              CivilDate.isValid(year: year, month: month, day: day)
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// The following day.
    public var next: CalendarDay {
        let date = CivilDate.date(daysSinceEpoch: daysSinceEpoch + 1)
        return CalendarDay(year: date.year, month: date.month, day: date.day)
    }

    var daysSinceEpoch: Int { CivilDate.daysSinceEpoch(year: year, month: month, day: day) }

    /// The instant this day starts in `timeZone`.
    ///
    /// Where a DST change skips midnight itself (a few zones change at 00:00), the day starts at the
    /// first wall-clock time that exists, as calendars show it.
    public func midnight(in timeZone: TimeZone) -> Timestamp {
        let localSeconds = Int64(daysSinceEpoch) * 86_400
        // The offset at the UTC instant with the same digits is right except within a few hours of a
        // change; a second lookup at the corrected instant settles it.
        var offset = Int64(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(localSeconds))))
        offset = Int64(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(localSeconds - offset))))
        return Timestamp(milliseconds: (localSeconds - offset) * 1000)
    }

    public static func < (lhs: CalendarDay, rhs: CalendarDay) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    public var description: String {
        let month = month < 10 ? "0\(month)" : "\(month)"
        let day = day < 10 ? "0\(day)" : "\(day)"
        return "\(year)-\(month)-\(day)"
    }
}
