/// Runs the test groups of a rule unit-test file the way `promtool test rules` does, plus goal tests.
///
/// For each group: the input series are loaded from the group's start time at its interval; goals
/// and rule groups are evaluated from the start to the latest `eval_time` every
/// `evaluation_interval`; an alert or goal test whose `eval_time` falls in `[t, t + interval)` is
/// checked against the state after the evaluation at `t`; `promql_expr_test` queries run last, over
/// the input series and everything the rules recorded. Pure: the caller loads the files.
public enum RuleTestRunner {
    /// Runs every test group; the result lists each failure as promtool words it.
    public static func run(_ file: RuleTestFile, ruleFiles: [RuleFile]) -> RuleTestResult {
        var failures: [String] = []
        for group in file.tests {
            failures += run(group, in: file, ruleFiles: ruleFiles)
        }
        return RuleTestResult(path: file.path, failures: failures)
    }

    private static func run(_ test: RuleTestGroup, in file: RuleTestFile, ruleFiles: [RuleFile]) -> [String] {
        let prefix = test.name.map { "    name: \($0),\n" } ?? ""
        var series = SeriesSet()
        for input in test.inputSeries {
            let index = series.index(of: input.labels)
            for (time, value) in input.samples(start: test.startTimestamp, interval: test.interval) {
                series.append(toSeriesAt: index, at: time, value: value ?? StaleMarker.value)
            }
        }
        let settings = RuleEngine.Settings(externalLabels: test.externalLabels, externalURL: test.externalURL ?? "")
        var engine = RuleEngine(groups: ordered(ruleFiles.flatMap(\.groups), by: file.groupEvalOrder), goals: ruleFiles.flatMap(\.goals), settings: settings)
        let interval = file.evaluationInterval
        var failures: [String] = []
        var checks = TimedChecks(test)
        var offset = TimeSpan(milliseconds: 0)
        while offset <= test.maxEvalTime {
            let time = test.startTimestamp + offset
            let cycle = engine.evaluateAll(at: time, series: &series)
            if !cycle.failures.isEmpty {
                return failures + cycle.failures.map { "\(prefix)    rule: \($0.rule), time: \(offset), err: \($0.message)" }
            }
            for alertTest in checks.alertTests(from: offset, before: offset + interval) {
                failures += AlertTestCheck.compare(alertTest, active: engine.activeAlerts, prefix: prefix)
            }
            for goalTest in checks.goalTests(from: offset, before: offset + interval) {
                failures += GoalTestCheck.compare(goalTest, reports: cycle.goals, prefix: prefix)
            }
            if interval.milliseconds <= 0 { break }
            offset = offset + interval
        }
        let evaluator = Evaluator(series: series)
        for exprTest in test.promqlExprTests {
            failures += ExpressionTestCheck.compare(exprTest, evaluator: evaluator, at: test.startTimestamp + exprTest.evalTime, prefix: prefix, fuzzy: file.fuzzyCompare)
        }
        return failures
    }

    /// The groups named in `group_eval_order` first, in that order, then the others as loaded.
    private static func ordered(_ groups: [RuleGroup], by order: [String]) -> [RuleGroup] {
        guard !order.isEmpty else { return groups }
        let rank = Dictionary(order.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        return groups.enumerated().sorted { left, right in
            (rank[left.element.name] ?? order.count + left.offset) < (rank[right.element.name] ?? order.count + right.offset)
        }.map(\.element)
    }
}

/// What running one test file found.
public struct RuleTestResult: Sendable {
    /// The test file.
    public var path: String
    /// Each failed expectation, in promtool's words (multi-line).
    public var failures: [String]

    /// Whether every test passed.
    public var passed: Bool { failures.isEmpty }
}

/// The alert and goal tests of a group, handed out as evaluation reaches their times.
private struct TimedChecks {
    private var alerts: [AlertRuleTest]
    private var goals: [GoalTest]

    init(_ test: RuleTestGroup) {
        alerts = test.alertRuleTests.sorted { $0.evalTime < $1.evalTime }
        goals = test.goalTests.sorted { $0.evalTime < $1.evalTime }
    }

    mutating func alertTests(from start: TimeSpan, before end: TimeSpan) -> [AlertRuleTest] {
        take(&alerts, from: start, before: end, time: \.evalTime)
    }

    mutating func goalTests(from start: TimeSpan, before end: TimeSpan) -> [GoalTest] {
        take(&goals, from: start, before: end, time: \.evalTime)
    }

    private func take<T>(_ pending: inout [T], from start: TimeSpan, before end: TimeSpan, time: KeyPath<T, TimeSpan>) -> [T] {
        let due = pending.filter { $0[keyPath: time] >= start && $0[keyPath: time] < end }
        pending.removeAll { $0[keyPath: time] >= start && $0[keyPath: time] < end }
        return due
    }
}
