/// Evaluates goals and rule groups over a ``SeriesSet`` and keeps the alert states between evaluations.
///
/// Pure: the caller says when (`at:`) and hands in the history; results are written back into it as
/// Prometheus writes rule results into its TSDB, so later rules of the same evaluation — and later
/// evaluations — see them: recording rules' series, `ALERTS`, and each goal's `goal:*` series.
/// Which group is due when is the caller's business (the daemon's scheduler, `goalwatch test`,
/// `goalwatch replay`).
public struct RuleEngine: Sendable {
    /// Settings shared by every rule.
    public struct Settings: Sendable {
        /// How long a series' last sample stays current when its source sets no lookback.
        public var defaultLookback: TimeSpan
        /// `$externalLabels` in templates.
        public var externalLabels: [String: String]
        /// `$externalURL` in templates.
        public var externalURL: String

        /// Creates settings.
        public init(defaultLookback: TimeSpan = .minutes(5), externalLabels: [String: String] = [:], externalURL: String = "") {
            self.defaultLookback = defaultLookback
            self.externalLabels = externalLabels
            self.externalURL = externalURL
        }
    }

    /// The rule groups, in file order.
    public let groups: [RuleGroup]
    /// The goals, in file order.
    public let goals: [GoalDefinition]
    /// The settings.
    public let settings: Settings

    var alertingStates: [RuleKey: AlertingRuleState] = [:]
    var recordedSeries: [RuleKey: Set<Labels>] = [:]
    var goalAlertStates: [GoalAlertKey: AlertingRuleState] = [:]
    var goalSeries: [Int: Set<Labels>] = [:]

    struct RuleKey: Hashable, Sendable {
        var group: Int
        var rule: Int
    }

    struct GoalAlertKey: Hashable, Sendable {
        var goal: Int
        var kind: GoalAlertKind
    }

    /// Creates an engine with no alert active.
    public init(groups: [RuleGroup], goals: [GoalDefinition], settings: Settings = Settings()) {
        self.groups = groups
        self.goals = goals
        self.settings = settings
    }

    /// Creates an engine over every group and goal of the files, in order.
    public init(files: [RuleFile], settings: Settings = Settings()) {
        self.init(groups: files.flatMap(\.groups), goals: files.flatMap(\.goals), settings: settings)
    }

    /// Evaluates every goal, then every group, at `time`.
    public mutating func evaluateAll(at time: Timestamp, series: inout SeriesSet) -> EvaluationCycle {
        var cycle = evaluateGoals(at: time, series: &series)
        for index in groups.indices { cycle.append(evaluateGroup(index, at: time, series: &series)) }
        return cycle
    }

    /// Every pending and firing alert, rules first then goals, each sorted by labels.
    public var activeAlerts: [ActiveAlert] {
        var alerts: [ActiveAlert] = []
        for (key, state) in alertingStates.sorted(by: { ($0.key.group, $0.key.rule) < ($1.key.group, $1.key.rule) }) {
            let group = groups[key.group]
            let origin = AlertOrigin.rule(group: group.name, rule: group.rules[key.rule].name)
            alerts += state.activeAlerts(origin: origin).sorted { $0.instance.labels < $1.instance.labels }
        }
        for kind in GoalAlertKind.allCases {
            for (key, state) in goalAlertStates.filter({ $0.key.kind == kind }).sorted(by: { $0.key.goal < $1.key.goal }) {
                alerts += state.activeAlerts(origin: .goal(goal: goals[key.goal].name, kind: kind))
                    .sorted { $0.instance.labels < $1.instance.labels }
            }
        }
        return alerts
    }

    /// Renders a template, writing Prometheus' error text in place of a failed expansion.
    func render(_ template: AlertTemplate, labels: [String: String], value: Double) -> String {
        do {
            return try template.render(labels: labels, value: value, externalLabels: settings.externalLabels, externalURL: settings.externalURL)
        } catch {
            return "<error expanding template: \(error.message)>"
        }
    }

    /// The instant vector an expression yields at `time` (a scalar becomes one element without labels).
    func instantVector(_ expression: PromQL.Expression, at time: Timestamp, series: SeriesSet) throws(EvaluationError) -> [VectorElement] {
        let evaluator = Evaluator(series: series, defaultLookback: settings.defaultLookback)
        switch try evaluator.evaluate(expression, at: time) {
        case .vector(let elements): return elements
        case .scalar(let value): return [VectorElement(labels: .empty, value: value, sampleTime: time.milliseconds)]
        case .string, .matrix: throw EvaluationError("expected an instant vector or scalar")
        }
    }
}
