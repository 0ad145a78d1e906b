/// A rule unit-test file: promtool's format (`promtool test rules`) unchanged, plus `goal_test` lists.
///
/// Loaded by ``RuleTestLoader``; running the tests is the runner's job. Defaults follow promtool:
/// `evaluation_interval` 1m, a group's `interval` the evaluation interval, a zero duration for either
/// meaning "not set", `start_timestamp` the Unix epoch.
public struct RuleTestFile: Sendable, Equatable {
    /// The test file's path as the user named it.
    public var path: String
    /// The rule files to test, as written (paths or globs, relative to the test file's folder);
    /// see ``resolvedRuleFiles(currentDirectory:)``.
    public var ruleFiles: [String]
    /// How often rules are evaluated during a test.
    public var evaluationInterval: TimeSpan
    /// Rule groups to evaluate first, in this order, at each evaluation; the others follow.
    public var groupEvalOrder: [String]
    /// Whether floats compare equal when they differ only in the last bit of the mantissa.
    public var fuzzyCompare: Bool
    /// The test groups, in file order.
    public var tests: [RuleTestGroup]

    /// Creates a test file from its parts.
    public init(
        path: String, ruleFiles: [String] = [], evaluationInterval: TimeSpan = .minutes(1),
        groupEvalOrder: [String] = [], fuzzyCompare: Bool = false, tests: [RuleTestGroup] = []
    ) {
        self.path = path
        self.ruleFiles = ruleFiles
        self.evaluationInterval = evaluationInterval
        self.groupEvalOrder = groupEvalOrder
        self.fuzzyCompare = fuzzyCompare
        self.tests = tests
    }

    /// The rule file patterns made absolute against the test file's folder, as promtool joins them;
    /// globs are left for the caller to expand. Lexical only: nothing is looked up on disk.
    ///
    /// - Parameter currentDirectory: absolute; what a relative test file ``path`` is relative to.
    public func resolvedRuleFiles(currentDirectory: String) -> [String] {
        let folder = ConfigPath.directory(ofFile: path, currentDirectory: currentDirectory)
        return ruleFiles.map { ConfigPath.resolve($0, against: folder) }
    }
}

/// One entry of `tests:`: input series and the tests run against them.
public struct RuleTestGroup: Sendable, Equatable {
    /// The group's `name`, if it has one (promtool calls unnamed groups `unnamed#<index>`).
    public var name: String?
    /// The time between two values of each input series.
    public var interval: TimeSpan
    /// The input series.
    public var inputSeries: [InputSeries]
    /// `alert_rule_test` entries.
    public var alertRuleTests: [AlertRuleTest]
    /// `promql_expr_test` entries.
    public var promqlExprTests: [PromQLExprTest]
    /// `goal_test` entries (GoalWatch's own).
    public var goalTests: [GoalTest]
    /// Labels templates see as `$externalLabels`.
    public var externalLabels: [String: String]
    /// What templates see as `$externalURL`.
    public var externalURL: String?
    /// The instant of the first value of each series and of `eval_time: 0`.
    public var startTimestamp: Timestamp
    /// Where the group starts in the file.
    public var location: SourceLocation

    /// Creates a test group from its parts.
    public init(
        name: String? = nil, interval: TimeSpan, inputSeries: [InputSeries] = [], alertRuleTests: [AlertRuleTest] = [],
        promqlExprTests: [PromQLExprTest] = [], goalTests: [GoalTest] = [], externalLabels: [String: String] = [:],
        externalURL: String? = nil, startTimestamp: Timestamp = Timestamp(milliseconds: 0), location: SourceLocation
    ) {
        self.name = name
        self.interval = interval
        self.inputSeries = inputSeries
        self.alertRuleTests = alertRuleTests
        self.promqlExprTests = promqlExprTests
        self.goalTests = goalTests
        self.externalLabels = externalLabels
        self.externalURL = externalURL
        self.startTimestamp = startTimestamp
        self.location = location
    }

    /// The latest `eval_time` of any test in the group: how long the runner must evaluate rules for.
    public var maxEvalTime: TimeSpan {
        let times = alertRuleTests.map(\.evalTime) + promqlExprTests.map(\.evalTime) + goalTests.map(\.evalTime)
        return times.max() ?? TimeSpan(milliseconds: 0)
    }
}
