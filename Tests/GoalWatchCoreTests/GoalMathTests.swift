import Foundation
import Testing
@testable import GoalWatchCore

@Suite("SMART goal periods, pace and progress")
struct GoalMathTests {
    let berlin = TimeZone(identifier: "Europe/Berlin")!
    let utc = TimeZone(identifier: "UTC")!

    func instant(_ text: String) -> Timestamp { Timestamp(rfc3339: text)! }

    @Test("calendar days start at local midnight and the end day is inclusive")
    func dayPeriod() throws {
        let period = try GoalPeriod.days(from: CalendarDay("2026-01-01")!, through: CalendarDay("2026-03-31")!, in: berlin)
        #expect(period.start == instant("2025-12-31T23:00:00Z"))
        // Summer time from 29 March: 1 April starts at 22:00 UTC on 31 March.
        #expect(period.end == instant("2026-03-31T22:00:00Z"))
    }

    @Test("a quarter is the same period as its days, and across a DST change it is an hour short")
    func quarterAcrossDST() throws {
        let quarter = try GoalPeriod.quarter("2026Q1", in: berlin)
        let days = try GoalPeriod.days(from: CalendarDay("2026-01-01")!, through: CalendarDay("2026-03-31")!, in: berlin)
        #expect(quarter == days)
        #expect(quarter.length == .days(90) - .hours(1))
        #expect(try GoalPeriod.quarter("2026Q1", in: utc).length == .days(90))
        // Autumn: clocks go back on 25 October 2026, so Q4 is an hour long.
        #expect(try GoalPeriod.quarter("2026q4", in: berlin).length == .days(92) + .hours(1))
    }

    @Test("a month covers its days, leap years included")
    func month() throws {
        let february = try GoalPeriod.month("2028-02", in: utc)
        #expect(february.start == instant("2028-02-01T00:00:00Z"))
        #expect(february.end == instant("2028-03-01T00:00:00Z"))
    }

    @Test("malformed periods are refused with the expected form", arguments: [
        ("quarter", "2026Q5", "expected a quarter such as 2026Q1"),
        ("quarter", "Q1-2026", "expected a quarter such as 2026Q1"),
        ("month", "2026-13", "expected a month such as 2026-02"),
        ("month", "2026/02", "expected a month such as 2026-02"),
    ])
    func malformedPeriods(kind: String, text: String, expected: String) {
        #expect {
            _ = kind == "quarter" ? try GoalPeriod.quarter(text, in: utc) : try GoalPeriod.month(text, in: utc)
        } throws: { error in
            (error as? InputError)?.message.contains(expected) ?? false
        }
    }

    @Test("an end before the start is refused")
    func endBeforeStart() {
        #expect(throws: InputError.self) {
            try GoalPeriod.days(from: CalendarDay("2026-03-01")!, through: CalendarDay("2026-02-01")!, in: utc)
        }
    }

    @Test("linear pace follows the elapsed share, clamped to the period")
    func linearPace() throws {
        let period = try GoalPeriod.days(from: CalendarDay("2026-01-01")!, through: CalendarDay("2026-01-10")!, in: utc)
        #expect(GoalPace.linear.expectedRatio(at: instant("2026-01-03T12:00:00Z"), period: period, baseline: 100, target: 120) == 0.25)
        #expect(GoalPace.linear.expectedRatio(at: instant("2025-12-01T00:00:00Z"), period: period, baseline: 100, target: 120) == 0)
        #expect(GoalPace.linear.expectedRatio(at: instant("2026-02-01T00:00:00Z"), period: period, baseline: 100, target: 120) == 1)
    }

    @Test("compound pace lags linear pace for growth, and matches the growth formula")
    func compoundPace() throws {
        let period = try GoalPeriod.days(from: CalendarDay("2026-01-01")!, through: CalendarDay("2026-01-10")!, in: utc)
        let halfway = instant("2026-01-06T00:00:00Z")
        let ratio = GoalPace.compound.expectedRatio(at: halfway, period: period, baseline: 10_000, target: 14_400)
        // Growing ×1.44 compounds to ×1.2 halfway: 2,000 of the 4,400 to gain.
        #expect(abs(ratio - 2_000.0 / 4_400.0) < 1e-12)
        #expect(ratio < GoalPace.linear.expectedRatio(at: halfway, period: period, baseline: 10_000, target: 14_400))
        // A zero baseline cannot compound: linear pace stands in.
        #expect(GoalPace.compound.expectedRatio(at: halfway, period: period, baseline: 0, target: 100) == 0.5)
    }

    @Test("milestone pace runs straight between the given points")
    func milestonePace() throws {
        let period = try GoalPeriod.days(from: CalendarDay("2026-01-01")!, through: CalendarDay("2026-01-10")!, in: utc)
        let pace = GoalPace.milestones([GoalPace.Milestone(at: instant("2026-01-03T00:00:00Z"), value: 180)])
        // Baseline 100 at 1 Jan, milestone 180 at 3 Jan, target 200 at 11 Jan.
        #expect(pace.expectedRatio(at: instant("2026-01-02T00:00:00Z"), period: period, baseline: 100, target: 200) == 0.4)
        #expect(pace.expectedRatio(at: instant("2026-01-03T00:00:00Z"), period: period, baseline: 100, target: 200) == 0.8)
        #expect(pace.expectedRatio(at: instant("2026-01-07T00:00:00Z"), period: period, baseline: 100, target: 200) == 0.9)
    }

    @Test("progress works for rising and falling goals alike")
    func progress() {
        #expect(GoalProgress.ratio(value: 13_200, baseline: 12_000, target: 14_400) == 0.5)
        // First response falling from 90 to 60 minutes; now 75.
        #expect(GoalProgress.ratio(value: 75, baseline: 90, target: 60) == 0.5)
        #expect(GoalProgress.isReached(value: 59, baseline: 90, target: 60))
        #expect(!GoalProgress.isReached(value: 61, baseline: 90, target: 60))
        #expect(GoalProgress.isReached(value: 14_400, baseline: 12_000, target: 14_400))
    }

    @Test("the required daily rate spreads the remaining gap over the days left")
    func requiredRate() {
        let now = instant("2026-03-21T00:00:00Z")
        #expect(GoalProgress.requiredDailyRate(value: 13_400, target: 14_400, now: now, end: instant("2026-04-01T00:00:00Z")) == 1_000.0 / 11)
        #expect(GoalProgress.requiredDailyRate(value: 13_400, target: 14_400, now: now, end: now) == nil)
    }

    @Test("targets parse in every written form and resolve against the baseline", arguments: [
        ("14400", 14_400.0, false), ("+20%", 14_400.0, false), ("-10%", 10_800.0, false),
        ("+2400", 14_400.0, false), ("-300", 11_700.0, false), ("<= 60", 60.0, true), (">=95", 95.0, true),
    ])
    func targets(text: String, resolved: Double, maintain: Bool) throws {
        let target = try GoalTarget(text)
        #expect(abs(target.value(baseline: 12_000) - resolved) < 1e-9)
        #expect(target.isMaintain == maintain)
    }

    @Test("unreadable targets say which forms are accepted", arguments: ["20 percent", "+", "<=", "~60", "inf"])
    func badTargets(text: String) {
        #expect {
            try GoalTarget(text)
        } throws: { error in
            (error as? InputError)?.message.contains("expected a target such as 14400, +20%") ?? false
        }
    }
}
