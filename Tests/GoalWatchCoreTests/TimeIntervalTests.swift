import Foundation
import Testing
@testable import GoalWatchCore

@Suite("time intervals contain instants as Alertmanager's do")
struct TimeIntervalTests {
    static func at(_ text: String) -> Timestamp { Timestamp(rfc3339: text)! }
    static func zone(_ identifier: String) -> TimeZone { TimeZone(identifier: identifier)! }
    static let businessHours = TimeOfDayRange(startMinute: 8 * 60, endMinute: 20 * 60)

    @Test("08:00–20:00: the start is in, the end is out", arguments: [
        ("2026-03-02T07:59:59Z", false), ("2026-03-02T08:00:00Z", true), ("2026-03-02T13:00:00Z", true),
        ("2026-03-02T19:59:59Z", true), ("2026-03-02T19:59:59.999Z", true), ("2026-03-02T20:00:00Z", false),
    ])
    func timesEndIsExclusive(instant: String, contained: Bool) {
        let spec = TimeIntervalSpec(times: [Self.businessHours])
        #expect(spec.contains(Self.at(instant)) == contained)
    }

    @Test("24:00 as the end takes the day's last minute in")
    func endOfDay() {
        let evening = TimeIntervalSpec(times: [TimeOfDayRange(startMinute: 20 * 60, endMinute: 24 * 60)])
        #expect(evening.contains(Self.at("2026-03-02T23:59:59Z")))
        #expect(!evening.contains(Self.at("2026-03-03T00:00:00Z")))
    }

    @Test("monday:friday is read in the interval's location: Friday 23:59 in, Saturday 00:00 out", arguments: [
        ("2026-03-06T23:59:00+03:00", true),   // Friday 23:59 in Istanbul (20:59 UTC)
        ("2026-03-07T00:00:00+03:00", false),  // Saturday 00:00 in Istanbul, still Friday in UTC
        ("2026-03-08T23:59:59+03:00", false),  // Sunday
        ("2026-03-09T00:00:00+03:00", true),   // Monday 00:00 in Istanbul, still Sunday in UTC
    ])
    func weekdaysInLocation(instant: String, contained: Bool) {
        let weekdays = TimeIntervalSpec(weekdays: [InclusiveRange(1, 5)], location: Self.zone("Europe/Istanbul"))
        #expect(weekdays.contains(Self.at(instant)) == contained)
    }

    @Test("-1 is the month's last day: 29 February in a leap year, 28 February otherwise")
    func lastDayOfFebruary() {
        let last = TimeIntervalSpec(daysOfMonth: [InclusiveRange(-1)])
        #expect(last.contains(Self.at("2028-02-29T12:00:00Z")))
        #expect(!last.contains(Self.at("2028-02-28T12:00:00Z")))
        #expect(last.contains(Self.at("2027-02-28T12:00:00Z")))
        #expect(last.contains(Self.at("2028-03-31T00:00:00Z")))
        #expect(!last.contains(Self.at("2028-03-30T23:59:59Z")))
        let lastThree = TimeIntervalSpec(daysOfMonth: [InclusiveRange(-3, -1)])
        #expect(lastThree.contains(Self.at("2028-02-27T00:00:00Z")))
        #expect(!lastThree.contains(Self.at("2028-02-26T23:59:59Z")))
    }

    @Test("days beyond the month's end are clamped, and a range starting after it matches nothing")
    func daysClampToTheMonth() {
        let lateMonth = TimeIntervalSpec(daysOfMonth: [InclusiveRange(25, 31)])
        #expect(lateMonth.contains(Self.at("2027-02-28T00:00:00Z")))
        #expect(!lateMonth.contains(Self.at("2027-03-01T00:00:00Z")))
        let thirtieth = TimeIntervalSpec(daysOfMonth: [InclusiveRange(30, 31)])
        #expect(!thirtieth.contains(Self.at("2027-02-28T00:00:00Z")))
        #expect(thirtieth.contains(Self.at("2027-04-30T00:00:00Z")))
        let fromFifthToLast = TimeIntervalSpec(daysOfMonth: [InclusiveRange(5, -1)])
        #expect(fromFifthToLast.contains(Self.at("2027-02-28T00:00:00Z")))
        #expect(!fromFifthToLast.contains(Self.at("2027-02-04T23:59:59Z")))
        let wholeMonth = TimeIntervalSpec(daysOfMonth: [InclusiveRange(-31, -1)])
        #expect(wholeMonth.contains(Self.at("2027-02-01T00:00:00Z")))
    }

    @Test("the day of the month is the local one")
    func dayOfMonthInLocation() {
        let first = TimeIntervalSpec(daysOfMonth: [InclusiveRange(1)], location: Self.zone("Europe/Berlin"))
        #expect(first.contains(Self.at("2026-02-28T23:30:00Z")))  // 1 March 00:30 in Berlin
        #expect(!first.contains(Self.at("2026-03-01T23:30:00Z")))  // 2 March 00:30
    }

    @Test("on the spring-forward day in Berlin the clock skips 02:00–03:00, and 08:00 is 06:00 UTC")
    func springForwardInBerlin() {
        let skipped = TimeIntervalSpec(times: [TimeOfDayRange(startMinute: 120, endMinute: 180)], location: Self.zone("Europe/Berlin"))
        #expect(!skipped.contains(Self.at("2026-03-29T00:59:59Z")))  // 01:59:59 CET
        #expect(!skipped.contains(Self.at("2026-03-29T01:00:00Z")))  // 03:00:00 CEST
        let business = TimeIntervalSpec(times: [Self.businessHours], location: Self.zone("Europe/Berlin"))
        #expect(!business.contains(Self.at("2026-03-29T05:59:59Z")))  // 07:59:59 CEST
        #expect(business.contains(Self.at("2026-03-29T06:00:00Z")))   // 08:00 CEST
        #expect(business.contains(Self.at("2026-03-29T17:59:59Z")))   // 19:59:59 CEST
        #expect(!business.contains(Self.at("2026-03-29T18:00:00Z")))  // 20:00 CEST
        // The day before, still winter time, 08:00 is 07:00 UTC.
        #expect(!business.contains(Self.at("2026-03-28T06:59:59Z")))
        #expect(business.contains(Self.at("2026-03-28T07:00:00Z")))
    }

    @Test("on the fall-back day in Berlin 02:00–03:00 happens twice, and both are in")
    func fallBackInBerlin() {
        let repeated = TimeIntervalSpec(times: [TimeOfDayRange(startMinute: 120, endMinute: 180)], location: Self.zone("Europe/Berlin"))
        #expect(!repeated.contains(Self.at("2026-10-24T23:59:59Z")))  // 01:59:59 CEST
        #expect(repeated.contains(Self.at("2026-10-25T00:00:00Z")))   // 02:00 CEST
        #expect(repeated.contains(Self.at("2026-10-25T01:00:00Z")))   // 02:00 CET, the second time
        #expect(repeated.contains(Self.at("2026-10-25T01:59:59Z")))   // 02:59:59 CET
        #expect(!repeated.contains(Self.at("2026-10-25T02:00:00Z")))  // 03:00 CET
        let sunday = TimeIntervalSpec(weekdays: [InclusiveRange(0)], location: Self.zone("Europe/Berlin"))
        #expect(sunday.contains(Self.at("2026-10-25T22:59:59Z")))    // Sunday 23:59:59 CET
        #expect(!sunday.contains(Self.at("2026-10-25T23:00:00Z")))   // Monday 00:00 CET
    }

    @Test("every field set must hold; within a field, any range; an empty field allows any value")
    func fieldsCombine() {
        let spec = TimeIntervalSpec(
            times: [TimeOfDayRange(startMinute: 9 * 60, endMinute: 12 * 60), TimeOfDayRange(startMinute: 13 * 60, endMinute: 17 * 60)],
            weekdays: [InclusiveRange(1, 5)], months: [InclusiveRange(1, 3), InclusiveRange(12)], years: [InclusiveRange(2026, 2027)])
        #expect(spec.contains(Self.at("2026-03-02T09:00:00Z")))   // Monday, March
        #expect(!spec.contains(Self.at("2026-03-02T12:30:00Z")))  // lunch
        #expect(spec.contains(Self.at("2026-12-01T16:59:00Z")))   // Tuesday, December
        #expect(!spec.contains(Self.at("2026-04-01T10:00:00Z")))  // April
        #expect(!spec.contains(Self.at("2026-03-01T10:00:00Z")))  // Sunday
        #expect(!spec.contains(Self.at("2028-03-01T10:00:00Z")))  // 2028
        #expect(TimeIntervalSpec().contains(Self.at("1999-12-31T23:59:59Z")))
    }

    @Test("a set contains what any of its intervals contains; an empty set nothing")
    func setIsUnion() {
        let set = TimeIntervalSet(name: "off-hours", intervals: [
            TimeIntervalSpec(weekdays: [InclusiveRange(0), InclusiveRange(6)]),
            TimeIntervalSpec(times: [TimeOfDayRange(startMinute: 0, endMinute: 8 * 60)]),
        ])
        #expect(set.contains(Self.at("2026-03-07T12:00:00Z")))   // Saturday
        #expect(set.contains(Self.at("2026-03-04T07:00:00Z")))   // Wednesday early
        #expect(!set.contains(Self.at("2026-03-04T08:00:00Z")))
        #expect(!TimeIntervalSet(name: "never", intervals: []).contains(Self.at("2026-03-04T08:00:00Z")))
    }

    @Test("instants before 1970 read their local fields correctly")
    func beforeTheEpoch() {
        let spec = TimeIntervalSpec(times: [TimeOfDayRange(startMinute: 23 * 60, endMinute: 24 * 60)], weekdays: [InclusiveRange(3)], years: [InclusiveRange(1969)])
        #expect(spec.contains(Self.at("1969-12-31T23:30:00Z")))  // a Wednesday
    }
}
