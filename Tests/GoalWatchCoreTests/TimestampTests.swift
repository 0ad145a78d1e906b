import Testing
@testable import GoalWatchCore

@Suite("Timestamps")
struct TimestampTests {
    @Test("RFC 3339 instants parse to Unix milliseconds", arguments: [
        ("1970-01-01T00:00:00Z", 0),
        ("2026-03-01T00:00:00Z", 1_772_323_200_000),
        ("2026-03-01T02:00:00+02:00", 1_772_323_200_000),
        ("2026-02-28T19:00:00-05:00", 1_772_323_200_000),
        ("2026-03-01t00:00:00.5z", 1_772_323_200_500),
        ("2026-03-01 00:00:00.123456Z", 1_772_323_200_123),
        ("1969-12-31T23:59:59Z", -1000),
        ("2024-02-29T12:00:00Z", 1_709_208_000_000),
    ] as [(String, Int64)])
    func parsesRFC3339(text: String, milliseconds: Int64) {
        #expect(Timestamp(rfc3339: text)?.milliseconds == milliseconds)
    }

    @Test("impossible or malformed RFC 3339 times are refused", arguments: [
        "2026-02-29T00:00:00Z", "2026-04-31T00:00:00Z", "2026-13-01T00:00:00Z", "2026-01-01T24:00:00Z",
        "2026-01-01T00:60:00Z", "2026-01-01", "2026-01-01T00:00:00", "2026-01-01T00:00:00+2:00",
        "2026-01-01T00:00:00.Z", "2026-01-01T00:00:00Zjunk", "",
    ])
    func refusesMalformed(text: String) {
        #expect(Timestamp(rfc3339: text) == nil)
    }

    @Test("formatting is RFC 3339 in UTC and round-trips", arguments: [
        0, 1_772_323_200_000, 1_772_323_200_500, -1000, 253_402_300_799_000,
    ] as [Int64])
    func roundTrips(milliseconds: Int64) {
        let instant = Timestamp(milliseconds: milliseconds)
        #expect(Timestamp(rfc3339: instant.rfc3339) == instant)
    }

    @Test("formatting writes every field zero-padded, milliseconds only when not zero", arguments: [
        (0, "1970-01-01T00:00:00Z"), (1_772_323_200_005, "2026-03-01T00:00:00.005Z"), (-1000, "1969-12-31T23:59:59Z"),
        (-62_135_596_800_000, "0001-01-01T00:00:00Z"), (253_402_300_799_999, "9999-12-31T23:59:59.999Z"),
        (253_402_300_800_000, "10000-01-01T00:00:00Z"), (1_709_222_706_070, "2024-02-29T16:05:06.070Z"),
    ] as [(Int64, String)])
    func formats(milliseconds: Int64, text: String) {
        #expect(Timestamp(milliseconds: milliseconds).rfc3339 == text)
    }

    @Test("the earliest and latest instants are formatted, with the millisecond of the day never negative", arguments: [
        (Int64.min, ".192Z"), (Int64.min + 1, ".193Z"), (Int64.max, ".807Z"), (-1, "1969-12-31T23:59:59.999Z"),
    ] as [(Int64, String)])
    func formatsExtremes(milliseconds: Int64, ending: String) {
        #expect(Timestamp(milliseconds: milliseconds).rfc3339.hasSuffix(ending))
        #expect(milliseconds.floorDivided(by: 86_400_000).remainder >= 0)
    }

    @Test("relative CLI times count from now")
    func relativeTimes() throws {
        let now = Timestamp(milliseconds: 1_772_323_200_000)
        #expect(try Timestamp.parse("now", now: now) == now)
        #expect(try Timestamp.parse("now-2h", now: now) == now - .hours(2))
        #expect(try Timestamp.parse("now+1d", now: now) == now + .days(1))
        #expect(try Timestamp.parse("1772323200", now: now) == now)
        #expect(try Timestamp.parse("2026-03-01T00:00:00Z", now: now) == now)
    }

    @Test("an unreadable CLI time says what is accepted")
    func unreadableTime() {
        #expect {
            try Timestamp.parse("yesterday", now: Timestamp(milliseconds: 0))
        } throws: { error in
            (error as? InputError)?.message.contains("RFC 3339") ?? false
        }
    }

    @Test("civil dates convert both ways across centuries and leap days", arguments: [
        (1970, 1, 1), (2000, 2, 29), (1900, 3, 1), (2026, 12, 31), (1600, 1, 1), (2400, 2, 29),
    ])
    func civilRoundTrip(year: Int, month: Int, day: Int) {
        let days = CivilDate.daysSinceEpoch(year: year, month: month, day: day)
        let back = CivilDate.date(daysSinceEpoch: days)
        #expect(back.year == year && back.month == month && back.day == day)
    }
}
