import Foundation

/// One entry of a time interval's `time_intervals:` list: the instants whose local time, in
/// ``location``, falls in every field that is set (Alertmanager's time interval semantics).
///
/// A field left empty places no condition. Within a field, an instant matches when it falls in any of
/// the ranges. The local time is the wall-clock time in ``location``, so on a daylight-saving change a
/// range follows the clock: `08:00–20:00` is twelve wall-clock hours, eleven or thirteen real ones
/// only when the change falls inside it.
public struct TimeIntervalSpec: Sendable, Hashable {
    /// Times of day, each from ``TimeOfDayRange/startMinute`` (included) to ``TimeOfDayRange/endMinute``
    /// (excluded), in minutes since local midnight.
    public var times: [TimeOfDayRange]
    /// Days of the week, inclusive ranges of 0 (Sunday) … 6 (Saturday).
    public var weekdays: [InclusiveRange]
    /// Days of the month, inclusive ranges of 1 … 31 or of -31 … -1, counting from the month's end
    /// (-1 is its last day); ranges are clamped to the month's length.
    public var daysOfMonth: [InclusiveRange]
    /// Months, inclusive ranges of 1 (January) … 12 (December).
    public var months: [InclusiveRange]
    /// Years, inclusive ranges.
    public var years: [InclusiveRange]
    /// The time zone the instant's local time is read in.
    public var location: TimeZone

    /// Creates a time interval; every field defaults to "any", the location to UTC.
    public init(
        times: [TimeOfDayRange] = [],
        weekdays: [InclusiveRange] = [],
        daysOfMonth: [InclusiveRange] = [],
        months: [InclusiveRange] = [],
        years: [InclusiveRange] = [],
        location: TimeZone = EvaluationConfiguration.utc
    ) {
        self.times = times
        self.weekdays = weekdays
        self.daysOfMonth = daysOfMonth
        self.months = months
        self.years = years
        self.location = location
    }

    /// Whether `instant` falls in the interval.
    public func contains(_ instant: Timestamp) -> Bool {
        let local = LocalTime(instant, in: location)
        if !times.isEmpty, !times.contains(where: { $0.startMinute <= local.minuteOfDay && local.minuteOfDay < $0.endMinute }) {
            return false
        }
        if !daysOfMonth.isEmpty, !daysOfMonth.contains(where: { Self.contains(day: local.day, daysInMonth: local.daysInMonth, range: $0) }) {
            return false
        }
        if !months.isEmpty, !months.contains(where: { $0.contains(local.month) }) { return false }
        if !weekdays.isEmpty, !weekdays.contains(where: { $0.contains(local.weekday) }) { return false }
        if !years.isEmpty, !years.contains(where: { $0.contains(local.year) }) { return false }
        return true
    }

    /// Whether `day` of a month of `daysInMonth` days is in `range`, whose negative ends count from the
    /// month's end; a range starting after the month's last day contains nothing.
    static func contains(day: Int, daysInMonth: Int, range: InclusiveRange) -> Bool {
        let first = range.first < 0 ? daysInMonth + range.first + 1 : range.first
        let last = range.last < 0 ? daysInMonth + range.last + 1 : range.last
        guard first <= daysInMonth else { return false }
        return max(first, -daysInMonth) <= day && day <= min(last, daysInMonth)
    }
}

/// A range of minutes of a day: `startMinute` included, `endMinute` excluded; `08:00`–`20:00` is
/// 480..<1200, and `24:00` as the end is 1440.
public struct TimeOfDayRange: Sendable, Hashable {
    /// Minutes since midnight of the first minute in the range, 0 … 1439.
    public var startMinute: Int
    /// Minutes since midnight of the first minute after the range, 1 … 1440; greater than ``startMinute``.
    public var endMinute: Int

    /// Creates a range of minutes of the day.
    public init(startMinute: Int, endMinute: Int) {
        self.startMinute = startMinute
        self.endMinute = endMinute
    }
}

/// An inclusive range of integers, `first` … `last`. Unlike `ClosedRange`, it can hold the ranges of
/// days counted from a month's end (`5:-1`, the 5th to the last day), whose ends only compare once
/// the month is known.
public struct InclusiveRange: Sendable, Hashable, CustomStringConvertible {
    /// The first value in the range.
    public var first: Int
    /// The last value in the range.
    public var last: Int

    /// Creates a range of `first` … `last`.
    public init(_ first: Int, _ last: Int) {
        self.first = first
        self.last = last
    }

    /// A range of one value.
    public init(_ value: Int) {
        self.init(value, value)
    }

    /// Whether `value` lies between ``first`` and ``last``, both included.
    public func contains(_ value: Int) -> Bool {
        first <= value && value <= last
    }

    /// `first:last`, or the single value.
    public var description: String { first == last ? "\(first)" : "\(first):\(last)" }
}

/// The calendar fields of an instant's wall-clock time in a time zone.
struct LocalTime {
    var year: Int
    var month: Int
    var day: Int
    /// 0 (Sunday) … 6 (Saturday).
    var weekday: Int
    var minuteOfDay: Int
    var daysInMonth: Int

    init(_ instant: Timestamp, in zone: TimeZone) {
        let date = Date(timeIntervalSince1970: Double(instant.milliseconds) / 1000)
        let local = instant.milliseconds + Int64(zone.secondsFromGMT(for: date)) * 1000
        let (days, millisecondOfDay) = local.floorDivided(by: 86_400_000)
        let civil = CivilDate.date(daysSinceEpoch: Int(days))
        year = civil.year
        month = civil.month
        day = civil.day
        // 1970-01-01 was a Thursday.
        weekday = Int((days + 4).floorDivided(by: 7).remainder)
        minuteOfDay = Int(millisecondOfDay / 60_000)
        daysInMonth = CivilDate.daysInMonth(year: civil.year, month: civil.month)
    }
}
