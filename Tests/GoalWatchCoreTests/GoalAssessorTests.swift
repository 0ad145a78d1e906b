import Foundation
import Testing
@testable import GoalWatchCore

/// Goals over 1–10 January 2026 in UTC (10 days: S = 1 Jan 00:00, E = 11 Jan 00:00) unless a test says otherwise.
/// Expected figures are worked out by hand in the comments, not copied from the code's output.
@Suite("goal assessment: figures, states and alert conditions")
struct GoalAssessorTests {
    static let utc = TimeZone(identifier: "UTC")!
    static let berlin = TimeZone(identifier: "Europe/Berlin")!

    let january = try! GoalPeriod.days(from: CalendarDay("2026-01-01")!, through: CalendarDay("2026-01-10")!, in: utc)

    func instant(_ text: String) -> Timestamp { Timestamp(rfc3339: text)! }

    /// 00:00 UTC on day `day` of January 2026 (day 11 is the period's end), plus `hours`.
    func jan(_ day: Int, hours: Int64 = 0) -> Timestamp {
        instant("2026-01-01T00:00:00Z") + .days(Int64(day - 1)) + .hours(hours)
    }

    /// One sample a day at 00:00 UTC, the first on January `firstDay`.
    func daily(from firstDay: Int = 1, _ values: [Double]) -> [Sample] {
        values.enumerated().map { Sample(timestamp: jan(firstDay + $0.offset), value: $0.element) }
    }

    func isClose(_ actual: Double?, _ expected: Double, within tolerance: Double = 1e-9) -> Bool {
        guard let actual else { return false }
        return abs(actual - expected) <= tolerance * max(1, abs(expected))
    }

    // MARK: - A rising goal: 1000 → +20% = 1200

    var rising: GoalRules { GoalRules(period: january, target: .relative(percent: 20)) }

    @Test("a rising goal ahead of its pace is on track, with every figure")
    func risingOnTrack() {
        // +25 a day; on 5 Jan 4 of 10 days have passed.
        let assessment = GoalAssessor.assess(history: daily([1000, 1025, 1050, 1075, 1100]), rules: rising, at: jan(5))
        #expect(assessment.state == .onTrack)
        #expect(assessment.conditions.isEmpty)
        #expect(assessment.value == 1100)
        #expect(assessment.baseline == 1000)
        #expect(isClose(assessment.target, 1200))
        #expect(isClose(assessment.progressRatio, 0.5))  // 100 of 200
        #expect(isClose(assessment.expectedRatio, 0.4))  // 4 of 10 days
        #expect(isClose(assessment.forecastValue, 1250))  // 1100 + 6 days × 25
        #expect(isClose(assessment.requiredRate, 100.0 / 6))  // 100 still needed over 6 days
        #expect(assessment.remainingDays == 6)
        #expect(assessment.complianceRatio == nil)
        #expect(assessment.reachedAt == nil)
    }

    @Test("a rising goal behind its pace by more than the tolerance is behind pace")
    func risingBehindPace() {
        // +10 a day: progress 40/200 = 0.2 against an expected 0.4.
        let history = daily([1000, 1010, 1020, 1030, 1040])
        var rules = rising
        rules.behindPaceTolerance = 0.1  // 0.2 < 0.4 − 0.1
        let behind = GoalAssessor.assess(history: history, rules: rules, at: jan(5))
        #expect(behind.state == .behindPace)
        #expect(behind.conditions == [.behindPace, .forecastMiss])
        #expect(isClose(behind.progressRatio, 0.2))

        rules.behindPaceTolerance = 0.25  // 0.2 ≥ 0.4 − 0.25: within tolerance, but the forecast still misses
        let tolerated = GoalAssessor.assess(history: history, rules: rules, at: jan(5))
        #expect(tolerated.state == .atRisk)
        #expect(tolerated.conditions == [.forecastMiss])
        #expect(isClose(tolerated.forecastValue, 1100))  // 1040 + 6 days × 10, short of 1200
    }

    @Test("behind pace waits until min_elapsed of the period has passed")
    func minElapsed() {
        // Half a day in: 5 % elapsed, no progress yet. One sample, so no forecast.
        let history = daily([1000])
        let early = GoalAssessor.assess(history: history, rules: rising, at: jan(1, hours: 12))
        #expect(isClose(early.expectedRatio, 0.05))
        #expect(early.state == .onTrack)
        #expect(early.forecastValue == nil)

        var rules = rising
        rules.minElapsed = 0.05
        #expect(GoalAssessor.assess(history: history, rules: rules, at: jan(1, hours: 12)).state == .behindPace)
    }

    @Test("a reached goal is achieved and stays achieved, through its grace, when the value falls back")
    func risingAchieved() {
        // Reaches 1210 on 3 Jan, falls back to 1150 and stays there until 20 Jan.
        let history = daily([1000, 1100, 1210]) + daily(from: 4, Array(repeating: 1150, count: 17))
        let reached = GoalAssessor.assess(history: history, rules: rising, at: jan(4))
        #expect(reached.state == .achieved)
        #expect(reached.conditions == [.achieved])
        #expect(reached.reachedAt == jan(3))
        #expect(isClose(reached.progressRatio, 0.75))  // 150 of 200

        let afterEnd = GoalAssessor.assess(history: history, rules: rising, at: jan(12))
        #expect(afterEnd.state == .achieved)
        #expect(afterEnd.requiredRate == nil)
        #expect(afterEnd.remainingDays == 0)
        // The grace is 7 days: the goal is inactive from 18 Jan 00:00.
        #expect(GoalAssessor.assess(history: history, rules: rising, at: jan(18) - .seconds(1)).state == .achieved)
        let over = GoalAssessor.assess(history: history, rules: rising, at: jan(18))
        #expect(over.state == .inactive)
        #expect(over.conditions.isEmpty)
    }

    @Test("a goal not reached by the end of its period is missed")
    func risingMissed() {
        let history = daily((0..<12).map { 1000 + Double($0) * 10 })  // 1000 … 1110 on 1–12 Jan
        let atEnd = GoalAssessor.assess(history: history, rules: rising, at: jan(11))
        #expect(atEnd.state == .missed)
        #expect(atEnd.conditions == [.missed])
        #expect(atEnd.requiredRate == nil)
        #expect(atEnd.value == 1100)
        // Just before the end it was still only at risk and behind.
        #expect(GoalAssessor.assess(history: history, rules: rising, at: jan(11) - .seconds(1)).state == .behindPace)
    }

    @Test("a goal is inactive before its start and after its grace, with no conditions")
    func inactive() {
        let history = daily(from: 1, [1000])
        let before = GoalAssessor.assess(history: history, rules: rising, at: jan(1) - .seconds(1))
        #expect(before.state == .inactive)
        #expect(before.conditions.isEmpty)
        // Samples after the instant assessed are ignored, so there is no value yet.
        #expect(before.value == nil)
        #expect(isClose(before.remainingDays, 10 + 1.0 / 86_400))
    }

    // MARK: - A falling goal: first response 90 → 60 minutes

    var falling: GoalRules { GoalRules(period: january, target: .absolute(60)) }

    @Test("a falling goal moves through every state", arguments: [
        // −4 a day: progress 16/30 against 0.4 expected; forecast 74 − 24 = 50, below 60.
        ([90, 86, 82, 78, 74.0], 5, 0.0, .onTrack, []),
        // −1 a day: progress 4/30 < 0.4.
        ([90, 89, 88, 87, 86.0], 5, 0.0, .behindPace, [.behindPace, .forecastMiss]),
        // The same within a 0.3 tolerance (4/30 ≥ 0.1), but the forecast 86 − 6 = 80 misses.
        ([90, 89, 88, 87, 86.0], 5, 0.3, .atRisk, [.forecastMiss]),
        // 59 on 4 Jan is at or below 60.
        ([90, 80, 70, 59, 65.0], 5, 0.0, .achieved, [.achieved]),
        // Never at 60 by the end.
        ([90, 88, 86, 84, 82, 80, 78, 76, 74, 72, 70.0], 11, 0.0, .missed, [.missed]),
        // Last sample on 3 Jan, assessed on 6 Jan: three days old.
        ([90, 89, 88.0], 6, 0.0, .stale, [.stale]),
    ] as [([Double], Int, Double, GoalState, Set<GoalAlertKind>)])
    func fallingStates(values: [Double], day: Int, tolerance: Double, state: GoalState, conditions: Set<GoalAlertKind>) {
        var rules = falling
        rules.behindPaceTolerance = tolerance
        let assessment = GoalAssessor.assess(history: daily(values), rules: rules, at: jan(day))
        #expect(assessment.state == state)
        #expect(assessment.conditions == conditions)
    }

    @Test("a falling goal's figures are signed for the direction of travel")
    func fallingFigures() {
        let assessment = GoalAssessor.assess(history: daily([90, 86, 82, 78, 74]), rules: falling, at: jan(5))
        #expect(assessment.baseline == 90)
        #expect(assessment.target == 60)
        #expect(isClose(assessment.progressRatio, 16.0 / 30))
        #expect(isClose(assessment.forecastValue, 50))
        #expect(isClose(assessment.requiredRate, -14.0 / 6))  // 74 → 60 over 6 days
        #expect(GoalAssessor.assess(history: daily([90]), rules: falling, at: jan(1) - .days(1)).state == .inactive)
    }

    // MARK: - Pace, time zones, baselines

    @Test("compound pace expects less early on than linear pace")
    func compoundPace() {
        // 10,000 → +44 % = 14,400; halfway the compound path is at ×1.2 = 12,000: 2,000/4,400 of the way.
        let history = [Sample(timestamp: jan(1), value: 10_000), Sample(timestamp: jan(6), value: 12_100)]
        var rules = GoalRules(period: january, target: .relative(percent: 44), pace: .compound)
        let compound = GoalAssessor.assess(history: history, rules: rules, at: jan(6))
        #expect(isClose(compound.expectedRatio, 2_000.0 / 4_400))
        #expect(isClose(compound.progressRatio, 2_100.0 / 4_400))
        #expect(!compound.conditions.contains(.behindPace))

        rules.pace = .linear
        let linear = GoalAssessor.assess(history: history, rules: rules, at: jan(6))
        #expect(isClose(linear.expectedRatio, 0.5))
        #expect(linear.conditions.contains(.behindPace))
    }

    @Test("elapsed and remaining time are wall-clock across a DST change")
    func daylightSaving() throws {
        // March 2026 in Berlin: S = 28 Feb 23:00Z, E = 31 Mar 22:00Z (summer time from 29 Mar), 743 hours.
        let march = try GoalPeriod.days(from: CalendarDay("2026-03-01")!, through: CalendarDay("2026-03-31")!, in: Self.berlin)
        let now = instant("2026-03-28T23:00:00Z")  // 00:00 on 29 March in Berlin: 672 hours in
        let rules = GoalRules(period: march, target: .absolute(2000), baseline: .value(1000))
        let assessment = GoalAssessor.assess(history: [Sample(timestamp: now, value: 1500)], rules: rules, at: now)
        #expect(isClose(assessment.expectedRatio, 672.0 / 743))
        #expect(isClose(assessment.remainingDays, 71.0 / 24))  // 2 days 23 hours, not 3 days
        #expect(isClose(assessment.requiredRate, 500 / (71.0 / 24)))
    }

    @Test("a baseline at an instant is the last sample at or before it, else the first after it", arguments: [
        ("2026-01-01T00:00:00Z", 100.0),  // a sample exactly then
        ("2026-01-01T12:00:00Z", 100.0),  // between samples: the earlier one
        ("2025-12-30T00:00:00Z", 100.0),  // before the first sample: the first one
        ("2026-01-05T00:00:00Z", 110.0),  // after the last sample: the last one
    ])
    func baselineAt(at: String, expected: Double) {
        let rules = GoalRules(period: january, target: .delta(50), baseline: .at(instant(at)))
        let assessment = GoalAssessor.assess(history: daily([100, 110]), rules: rules, at: jan(5))
        #expect(assessment.baseline == expected)
        #expect(assessment.target == expected + 50)
    }

    @Test("a fixed baseline needs no sample, and a relative target needs a baseline")
    func baselineValue() {
        let fixed = GoalRules(period: january, target: .relative(percent: 10), baseline: .value(500))
        #expect(GoalAssessor.assess(history: [], rules: fixed, at: jan(2)).target == 550)
        let noData = GoalAssessor.assess(history: [], rules: rising, at: jan(2))
        #expect(noData.baseline == nil)
        #expect(noData.target == nil)
        #expect(noData.state == .stale)
        #expect(noData.conditions == [.stale])
    }

    // MARK: - Staleness

    @Test("a goal is stale once its newest sample is older than stale_after, and only stale conditions hold")
    func stale() {
        let history = daily([1000, 1001, 1002])  // far behind pace
        #expect(GoalAssessor.assess(history: history, rules: rising, at: jan(5)).state == .behindPace)  // exactly 2 days old
        let stale = GoalAssessor.assess(history: history, rules: rising, at: jan(5) + .seconds(1))
        #expect(stale.state == .stale)
        #expect(stale.conditions == [.stale])
        #expect(stale.value == 1002)
    }

    // MARK: - Maintain goals

    var maintain: GoalRules { GoalRules(period: january, target: .atMost(60)) }

    @Test("a maintain goal's compliance weighs each value by how long it held, and breach is the current value")
    func maintainCompliance() {
        let history = [
            Sample(timestamp: jan(1), value: 50),  // 24 h inside
            Sample(timestamp: jan(2), value: 70),  // 12 h outside
            Sample(timestamp: jan(2, hours: 12), value: 55),  // 36 h inside
            Sample(timestamp: jan(4), value: 65),  // 24 h outside, until now
        ]
        let assessment = GoalAssessor.assess(history: history, rules: maintain, at: jan(5))
        #expect(isClose(assessment.complianceRatio, 60.0 / 96))
        #expect(assessment.state == .breached)
        #expect(assessment.conditions == [.breach])
        #expect(assessment.target == 60)
        #expect(assessment.progressRatio == nil)
        #expect(assessment.expectedRatio == nil)
        #expect(assessment.requiredRate == nil)
        #expect(assessment.forecastValue != nil)  // reported for maintain goals too

        let inside = GoalAssessor.assess(history: history + [Sample(timestamp: jan(5), value: 40)], rules: maintain, at: jan(5, hours: 1))
        #expect(inside.state == .onTrack)
        #expect(inside.conditions.isEmpty)
    }

    @Test("time before the first sample is not covered; a sample before the start holds into the period")
    func maintainCoverage() {
        let late = GoalAssessor.assess(history: daily(from: 3, [50, 70]), rules: maintain, at: jan(5))
        #expect(isClose(late.complianceRatio, 0.5))  // 3–4 Jan inside, 4–5 Jan outside
        let early = [Sample(timestamp: jan(1) - .days(1), value: 70), Sample(timestamp: jan(2), value: 50)]
        #expect(isClose(GoalAssessor.assess(history: early, rules: maintain, at: jan(3)).complianceRatio, 0.5))
    }

    @Test("a maintain goal is achieved at the end when compliance reaches min_compliance, else missed", arguments: [
        (12, 228.0 / 240, GoalState.achieved),  // 12 hours outside of 240: exactly 95 %
        (13, 227.0 / 240, GoalState.missed),
    ])
    func maintainAtEnd(hoursOutside: Int64, compliance: Double, state: GoalState) {
        let history = [
            Sample(timestamp: jan(1), value: 50),
            Sample(timestamp: jan(5), value: 70),
            Sample(timestamp: jan(5, hours: hoursOutside), value: 50),
        ] + daily(from: 6, Array(repeating: 50, count: 6))
        let assessment = GoalAssessor.assess(history: history, rules: maintain, at: jan(11, hours: 1))
        #expect(assessment.state == state)
        #expect(assessment.conditions == [state == .achieved ? .achieved : .missed])
        #expect(isClose(assessment.complianceRatio, compliance))
    }

    // MARK: - Forecast

    @Test("the forecast is the least-squares line through the window, evaluated at the period's end")
    func forecastLeastSquares() {
        // Days 0…3 with values 1, 3, 2, 5: mean day 1.5, mean value 2.75, Σdx·dy = 5.5, Σdx² = 5,
        // slope 1.1 a day; at the end (day 10): 2.75 + 1.1 × 8.5 = 12.1.
        let history = daily([1, 3, 2, 5])
        #expect(isClose(GoalAssessor.assess(history: history, rules: rising, at: jan(4)).forecastValue, 12.1))
        // The window is left-open: with 2 days only days 2 and 3 count (day 1 is exactly 2 days back):
        // slope 3 a day, 5 + 7 × 3 = 26.
        var rules = rising
        rules.forecastWindow = .days(2)
        #expect(isClose(GoalAssessor.assess(history: history, rules: rules, at: jan(4)).forecastValue, 26))
    }

    @Test("a sampled straight line forecasts its own value at the end; a constant forecasts itself")
    func forecastExactLine() {
        // y = 1,000,000 + 0.5 per minute, hourly for a week.
        let start = jan(1)
        let history = (0...168).map { hour in
            Sample(timestamp: start + .hours(Int64(hour)), value: 1_000_000 + 30 * Double(hour))
        }
        let now = start + .hours(168)
        // 10 days after the start: 14,400 minutes.
        #expect(isClose(GoalAssessor.assess(history: history, rules: rising, at: now).forecastValue, 1_000_000 + 0.5 * 14_400, within: 1e-11))
        let flat = daily([7, 7, 7])
        #expect(GoalAssessor.assess(history: flat, rules: rising, at: jan(3)).forecastValue == 7)
    }

    // MARK: - Unreachable

    @Test("unreachable holds when the required daily gain exceeds the best daily gain of the window")
    func unreachable() {
        // Gains of 10 and 20 a day; 930 still needed in 5 days is 186 a day.
        let history = daily([1000, 1010, 1030, 1040, 1060, 1070])
        var rules = GoalRules(period: january, target: .absolute(2000), unreachableWindow: .days(30))
        let far = GoalAssessor.assess(history: history, rules: rules, at: jan(6))
        #expect(isClose(far.requiredRate, 186))
        #expect(far.conditions.contains(.unreachable))

        // 1100 needs 6 a day: within reach.
        rules.target = .absolute(1100)
        #expect(!GoalAssessor.assess(history: history, rules: rules, at: jan(6)).conditions.contains(.unreachable))

        // Not configured: never.
        let unconfigured = GoalRules(period: january, target: .absolute(2000))
        #expect(!GoalAssessor.assess(history: history, rules: unconfigured, at: jan(6)).conditions.contains(.unreachable))
    }

    @Test("for a falling goal, unreachable compares with the steepest daily drop")
    func unreachableFalling() {
        let history = daily([90, 89, 88])  // −1 a day; 60 needs −28 over 8 days = −3.5 a day
        let rules = GoalRules(period: january, target: .absolute(60), unreachableWindow: .days(30))
        let assessment = GoalAssessor.assess(history: history, rules: rules, at: jan(3))
        #expect(isClose(assessment.requiredRate, -3.5))
        #expect(assessment.conditions.contains(.unreachable))
    }

    @Test("the best daily gain compares each sample with the one a day before it, not its neighbour")
    func bestDailyGain() {
        // Hourly: +1 an hour for two days, with a one-hour spike of +10 in the middle.
        var history = (0...48).map { Sample(timestamp: jan(1) + .hours(Int64($0)), value: Double($0)) }
        history[24].value += 10
        let measured = GoalHistory(history, upTo: jan(3))
        // Day-apart pairs gain 24, except the two that end or start at the spike: 34 and 14.
        #expect(measured.bestDailyChange(window: .days(30), now: jan(3), rising: true) == 34)
        #expect(measured.bestDailyChange(window: .days(30), now: jan(3), rising: false) == 14)
        #expect(measured.bestDailyChange(window: .hours(12), now: jan(3), rising: true) == nil)
    }
}
