/// Reads `goals:`, reporting every problem to a ``YAMLReader``.
struct GoalDecoder {
    var context: RuleFileContext

    static let keys = [
        "name", "description", "metric", "baseline", "target", "period", "pace", "labels", "annotations", "grace",
        "min_compliance", "forecast", "alerts",
    ]
    /// Keys that only reach goals take, and those only maintain goals take.
    static let reachOnlyKeys = ["baseline", "pace"]
    static let maintainOnlyKeys = ["min_compliance"]
    /// Labels GoalWatch sets on a goal's alerts and series itself.
    static let reservedLabels = [
        "goal": "set to the goal's name on its alerts and series",
        "alertname": "set to the alert's kind (GoalBehindPace, GoalMissed, …)",
    ]

    func goals(_ node: YAMLNode, reader: inout YAMLReader) -> [GoalDefinition] {
        var firstUse: [String: SourceLocation] = [:]
        let goals = reader.list(node) { reader, item -> GoalDefinition? in
            let (goal, name) = self.goal(item, reader: &reader)
            guard let name else { return goal }
            if let first = firstUse[name.text] {
                reader.report(InputError(
                    "duplicate goal name: \(name.shown) is already the name of the goal at line \(first.line); names must be unique",
                    at: name.location))
                return nil
            }
            firstUse[name.text] = name.location
            return goal
        }
        return goals ?? []
    }

    /// The goal (`nil` when anything in it is wrong) and its name when that is valid, so that names are
    /// checked for uniqueness even in goals with other problems.
    func goal(_ node: YAMLNode, reader: inout YAMLReader) -> (goal: GoalDefinition?, name: ConfigScalar?) {
        let errorsBefore = reader.errors.count
        // The target decides between a reach and a maintain goal, and so which keys are allowed.
        let targetText = node.scalarValue(of: "target")
        let declaredTarget = targetText.flatMap { text in try? GoalTarget(text) }.map { (target: $0, text: targetText ?? "") }
        guard let mapping = reader.mapping(
            node, allowedKeys: Self.allowedKeys(target: declaredTarget?.target),
            misplacedKeys: Self.misplacedKeys(target: declaredTarget))
        else { return (nil, nil) }

        let name = reader.read(reader.required("name", in: mapping, what: "the goal's name, such as instagram_followers_q1")) {
            node throws(InputError) -> ConfigScalar in
            _ = try node.identifier(expecting: "a goal name")
            return try node.stringScalar()
        }
        let description = reader.read(mapping["description"]) { node throws(InputError) in try node.string() }
        let metric = context.requiredExpression(
            "metric", in: mapping, what: "a PromQL expression such as followers{network=\"instagram\"}", reader: &reader)
        let target = reader.read(reader.required("target", in: mapping, what: "a target such as 14400, +20% or \"<= 60\"")) {
            node throws(InputError) in try Self.target(node)
        }
        let periods = GoalPeriodDecoder(context: context)
        let period = reader.required("period", in: mapping, what: "a period such as {quarter: 2026Q1}")
            .flatMap { periods.period($0, reader: &reader) }
        let baseline = mapping["baseline"].flatMap { periods.baseline($0, reader: &reader) }
        let pace = mapping["pace"].flatMap { node in period.flatMap { periods.pace(node, period: $0, reader: &reader) } }
        let labels = mapping["labels"].flatMap { context.labels($0, reserved: Self.reservedLabels, reader: &reader) } ?? [:]
        let annotations = mapping["annotations"].flatMap { context.templates($0, reader: &reader) } ?? [:]
        let grace = reader.read(mapping["grace"]) { node throws(InputError) in try node.duration() } ?? .days(7)
        let minCompliance = reader.read(mapping["min_compliance"]) { node throws(InputError) in
            try node.share(example: "95% or 0.95")
        } ?? 0.95
        let forecast = reader.read(mapping["forecast"]) { node throws(InputError) -> GoalForecastMethod in
            let text = try node.string()
            guard let method = GoalForecastMethod(rawValue: text) else {
                throw InputError("expected a forecast method, linear or holt, found \"\(text)\"", at: node.location)
            }
            return method
        } ?? .linear
        let alerts = mapping["alerts"].flatMap {
            GoalAlertsDecoder(context: context).alerts($0, target: declaredTarget, reader: &reader)
        } ?? [:]

        guard reader.errors.count == errorsBefore, let name, let metric, let target, let period else { return (nil, name) }
        let goal = GoalDefinition(
            name: name.text, description: description, metric: metric.expression, metricText: metric.text,
            baseline: baseline, target: target, period: period.period, pace: pace ?? .linear, labels: labels,
            annotations: annotations, grace: grace, minCompliance: minCompliance,
            forecastWindow: alerts[.forecastMiss]?.window ?? .days(14), forecastMethod: forecast, staleAfter: alerts[.stale]?.after ?? .days(2),
            alerts: alerts, location: mapping.location)
        return (goal, name)
    }

    static func target(_ node: YAMLNode) throws(InputError) -> GoalTarget {
        let scalar = try node.scalar(expecting: "a target such as 14400, +20%, -10%, +2400, \"<= 60\" or \">= 95\"")
        do {
            return try GoalTarget(scalar.text)
        } catch {
            throw InputError(error.message, at: node.location)
        }
    }

    static func allowedKeys(target: GoalTarget?) -> [String] {
        guard let target else { return keys }
        let other = target.isMaintain ? reachOnlyKeys : maintainOnlyKeys
        return keys.filter { !other.contains($0) }
    }

    static func misplacedKeys(target: (target: GoalTarget, text: String)?) -> [String: String] {
        guard let target else { return [:] }
        var messages: [String: String] = [:]
        for key in target.target.isMaintain ? reachOnlyKeys : maintainOnlyKeys {
            messages[key] = "key '\(key)' is only for \(target.target.isMaintain ? "reach" : "maintain") goals; \(describe(target))"
        }
        return messages
    }

    /// `this goal's target "<= 60" makes it a maintain goal`, for messages.
    static func describe(_ target: (target: GoalTarget, text: String)) -> String {
        target.target.isMaintain
            ? "this goal's target \(quoted(target.text)) makes it a maintain goal"
            : "this goal's target \(quoted(target.text)) makes it a reach goal (maintain goals have targets such as \"<= 60\" or \">= 95\")"
    }
}
