import Foundation
import Testing
@testable import GoalWatchCore

@Suite("Rule engine: goals, their goal:* series and their alerts")
struct RuleEngineGoalTests {
    let utc = TimeZone(identifier: "UTC")!
    let start = Timestamp(rfc3339: "2026-01-01T00:00:00Z")!

    func engine(_ yaml: String) throws -> RuleEngine {
        RuleEngine(files: [try RuleFileLoader.load(text: yaml, path: "goals.yml", timeZone: utc)])
    }

    func day(_ number: Int64) -> Timestamp { start + .days(number) }

    /// Daily samples from the period's start: `values[d]` on day d.
    func daily(_ selector: String, _ values: [Double]) throws -> SeriesSet {
        var set = SeriesSet()
        let labels = try EvaluationFixture.labels(selector)
        for (index, value) in values.enumerated() { set.append(labels, at: day(Int64(index)), value: value) }
        return set
    }

    let followersGoal = """
    goals:
      - name: followers_q1
        metric: followers{network="instagram"}
        target: +20%
        period: {quarter: 2026Q1}
        labels: {team: social}
        alerts:
          behind_pace: {tolerance: 5%, for: 1d, severity: critical}
    groups:
      - name: after_goals
        rules:
          - record: goal:progress_percent
            expr: goal:progress_ratio * 100
    """

    @Test("a goal publishes its figures as goal:* series that rules of the same evaluation read")
    func goalSeries() throws {
        var engine = try engine(followersGoal)
        var series = try daily(#"followers{network="instagram", account="a"}"#, (0...50).map { 1000 + Double($0) * 2 })
        let cycle = engine.evaluateAll(at: day(50), series: &series)
        let report = try #require(cycle.goals.first)
        #expect(report.labels == Labels(["network": "instagram", "account": "a"]))
        #expect(report.assessment.value == 1100)
        let evaluator = Evaluator(series: series)
        let progress = try evaluator.evaluate(PromQL.parse("goal:progress_percent"), at: day(50))
        // 100 of the 200 followers to gain.
        #expect(progress == .vector([VectorElement(
            labels: Labels(["__name__": "goal:progress_percent", "goal": "followers_q1", "network": "instagram", "account": "a"]),
            value: 50, sampleTime: day(50).milliseconds)]))
        let remaining = try evaluator.evaluate(PromQL.parse(#"goal:remaining_days{goal="followers_q1"}"#), at: day(50))
        guard case .vector(let elements) = remaining else { Issue.record("not a vector"); return }
        #expect(elements.map(\.value) == [40])
    }

    @Test("a goal alert goes pending, fires after its `for`, and carries the goal's figures and labels")
    func behindPaceAlert() throws {
        var engine = try engine(followersGoal)
        // Flat at 1000: behind pace once 10 % of the quarter (9 days) has passed.
        var series = try daily(#"followers{network="instagram", account="a"}"#, Array(repeating: 1000, count: 30))
        var events: [(Int64, AlertTransition)] = []
        for number in Int64(0)...12 {
            events += engine.evaluateAll(at: day(number), series: &series).transitions.map { (number, $0) }
        }
        #expect(events.map { $0.1.event.kind } == [.pending, .firing])
        #expect(events.map(\.0) == [9, 10])
        let firing = try #require(events.last?.1)
        #expect(firing.event.labels == Labels([
            "alertname": "GoalBehindPace", "goal": "followers_q1", "team": "social", "severity": "critical",
            "network": "instagram", "account": "a",
        ]))
        #expect(firing.origin == .goal(goal: "followers_q1", kind: .behindPace))
        #expect(firing.goal?.state == .behindPace)
        #expect(firing.annotations["summary"]?.hasPrefix("followers_q1 {account=\"a\", network=\"instagram\"} is behind pace: 0% of the way to 1.2k") == true)
    }

    @Test("a goal without data still shows, stale, with no labels")
    func goalWithoutData() throws {
        var engine = try engine(followersGoal)
        var series = SeriesSet()
        let cycle = engine.evaluateAll(at: day(3), series: &series)
        #expect(cycle.goals.map(\.assessment.state) == [.stale])
        #expect(cycle.goals.map(\.labels) == [.empty])
    }

    @Test("a computed metric is evaluated wherever its inputs have samples, one scope per result series")
    func computedMetric() throws {
        var engine = try engine("""
        goals:
          - name: cost_per_lead
            metric: sum by (campaign) (spend) / sum by (campaign) (leads)
            target: "<= 15"
            period: {month: 2026-01}
        """)
        var series = try daily(#"spend{campaign="brunch"}"#, [100, 100, 100])
        for (index, leads) in [10.0, 5, 10].enumerated() {
            series.append(try EvaluationFixture.labels(#"leads{campaign="brunch"}"#), at: day(Int64(index)), value: leads)
        }
        let cycle = engine.evaluateAll(at: day(2) + .hours(12), series: &series)
        let report = try #require(cycle.goals.first)
        #expect(report.labels == Labels(["campaign": "brunch"]))
        #expect(report.assessment.value == 10)
        // In bound on days 0 and 2, out on day 1: a third of the covered time outside.
        #expect(abs((report.assessment.complianceRatio ?? 0) - 1.5 / 2.5) < 1e-12)
    }
}

@Suite("Goal forecast methods")
struct GoalForecastMethodTests {
    let start = Timestamp(rfc3339: "2026-01-01T00:00:00Z")!

    func assess(_ method: GoalForecastMethod, _ values: [Double], on day: Int64) -> Double? {
        let period = GoalPeriod(start: start, end: start + .days(90))
        let history = values.enumerated().map { Sample(timestamp: start + .days(Int64($0.offset)), value: $0.element) }
        let rules = GoalRules(period: period, target: .relative(percent: 20), forecastMethod: method)
        return GoalAssessor.assess(history: history, rules: rules, at: start + .days(day)).forecastValue
    }

    @Test("linear extends the least-squares line; holt damps the trend over a long horizon")
    func linearAndHolt() throws {
        let rising = (0...20).map { 1000 + Double($0) * 10 }
        // The last 14 days lie on a line of 10 a day: 1200 on day 20, 1900 on day 90.
        #expect(abs((assess(.linear, rising, on: 20) ?? 0) - 1900) < 1e-6)
        let holt = try #require(assess(.holt, rising, on: 20))
        #expect(holt > 1200 && holt < 1900)
        #expect(assess(.holt, Array(repeating: 500, count: 20), on: 19) == 500)
        #expect(assess(.holt, [500], on: 0) == nil)
    }
}
