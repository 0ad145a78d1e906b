/// Turns a parsed test file into a ``RuleTestFile``, reporting every problem to a ``YAMLReader``.
///
/// Where a value fails the decoder carries on with a default, so later problems are found too; the
/// result is only used when the reader has no errors.
struct RuleTestDecoder {
    /// The file's text, to place errors found inside scalars.
    var source: YAMLSource

    static let fileKeys = ["rule_files", "evaluation_interval", "fuzzy_compare", "group_eval_order", "tests"]
    static let groupKeys = [
        "name", "interval", "input_series", "alert_rule_test", "promql_expr_test", "goal_test",
        "external_labels", "external_url", "start_timestamp",
    ]

    func file(_ root: YAMLNode?, path: String, reader: inout YAMLReader) -> RuleTestFile {
        var file = RuleTestFile(path: path)
        // An empty file has no tests, and passes, as with promtool.
        guard let root, !root.isNull, let mapping = reader.mapping(root, allowedKeys: Self.fileKeys) else { return file }
        if let node = mapping["rule_files"] {
            file.ruleFiles = reader.list(node) { reader, item in
                reader.read { () throws(InputError) -> String in try item.nonEmptyString(expecting: "a rule file path or glob") }
            } ?? []
        }
        // promtool takes a zero interval for "not set".
        if let interval = reader.read(mapping["evaluation_interval"], { node throws(InputError) in try node.duration() }),
           interval.milliseconds > 0 {
            file.evaluationInterval = interval
        }
        file.fuzzyCompare = reader.read(mapping["fuzzy_compare"]) { node throws(InputError) in try node.bool() } ?? false
        if let node = mapping["group_eval_order"] { file.groupEvalOrder = groupEvalOrder(node, reader: &reader) }
        if let node = mapping["tests"] {
            let interval = file.evaluationInterval
            file.tests = reader.list(node) { reader, item in group(item, evaluationInterval: interval, reader: &reader) } ?? []
        }
        return file
    }

    func groupEvalOrder(_ node: YAMLNode, reader: inout YAMLReader) -> [String] {
        var firstAt: [String: SourceLocation] = [:]
        let names = reader.list(node) { reader, item -> String? in
            guard let name = reader.read({ () throws(InputError) -> String in
                try item.nonEmptyString(expecting: "a rule group name")
            }) else { return nil }
            if let first = firstAt[name] {
                reader.report(InputError(
                    "duplicate group \"\(name)\" in group_eval_order: it is already listed at line \(first.line); list each group once",
                    at: item.location))
                return nil
            }
            firstAt[name] = item.location
            return name
        }
        return names ?? []
    }

    func group(_ node: YAMLNode, evaluationInterval: TimeSpan, reader: inout YAMLReader) -> RuleTestGroup? {
        let errorsBefore = reader.errors.count
        guard let mapping = reader.mapping(node, allowedKeys: Self.groupKeys) else { return nil }
        var group = RuleTestGroup(interval: evaluationInterval, location: mapping.location)
        group.name = reader.read(mapping["name"]) { node throws(InputError) in try node.string() }
        if let interval = reader.read(mapping["interval"], { node throws(InputError) in try node.duration() }),
           interval.milliseconds > 0 {
            group.interval = interval
        }
        group.inputSeries = list(mapping["input_series"], reader: &reader, inputSeries)
        group.alertRuleTests = list(mapping["alert_rule_test"], reader: &reader, alertRuleTest)
        group.promqlExprTests = list(mapping["promql_expr_test"], reader: &reader, promqlExprTest)
        group.goalTests = list(mapping["goal_test"], reader: &reader, goalTest)
        if let node = mapping["external_labels"] { group.externalLabels = labelMap(node, reader: &reader) }
        group.externalURL = reader.read(mapping["external_url"]) { node throws(InputError) in try node.string() }
        if let start = reader.read(mapping["start_timestamp"], { node throws(InputError) in try Self.startTimestamp(node) }) {
            group.startTimestamp = start
        }
        return reader.errors.count == errorsBefore ? group : nil
    }

    /// A list whose items are read by `item`; empty when absent or null.
    private func list<T>(
        _ node: YAMLNode?, reader: inout YAMLReader, _ item: (YAMLNode, inout YAMLReader) -> T?
    ) -> [T] {
        guard let node else { return [] }
        return reader.list(node) { reader, element in item(element, &reader) } ?? []
    }

    /// promtool's `start_timestamp`: Unix seconds (`1609459200`, fractions allowed) or RFC 3339.
    static func startTimestamp(_ node: YAMLNode) throws(InputError) -> Timestamp {
        let expected = "a Unix time in seconds such as 1609459200 or an RFC 3339 time such as 2021-01-01T00:00:00Z"
        let scalar = try node.scalar(expecting: expected)
        if let seconds = DecimalText.number(scalar.text), seconds.isFinite, abs(seconds) < 1e15 {
            return Timestamp(unixSeconds: seconds)
        }
        guard let timestamp = Timestamp(rfc3339: scalar.text) else {
            throw InputError("expected \(expected)\(scalar.found)", at: node.location)
        }
        return timestamp
    }

    // MARK: - Input series

    func inputSeries(_ node: YAMLNode, reader: inout YAMLReader) -> InputSeries? {
        guard let mapping = reader.mapping(node, allowedKeys: ["series", "values"]) else { return nil }
        let labels = reader.read(reader.required("series", in: mapping, what: "a series such as up{job=\"api\"}")) {
            node throws(InputError) in try seriesLabels(node)
        }
        let values = reader.read(mapping["values"]) { node throws(InputError) in try seriesValues(node) } ?? []
        guard let labels else { return nil }
        return InputSeries(labels: labels, values: values, location: mapping.location)
    }

    func seriesLabels(_ node: YAMLNode) throws(InputError) -> Labels {
        let expected = "a series such as up{job=\"api\"}"
        let scalar = try node.scalar(expecting: expected)
        let labels = try located(scalar) { text throws(InputError) in try SeriesNotation.labels(text) }
        guard !labels.elements.isEmpty else { throw InputError("expected \(expected), found no labels", at: node.location) }
        return labels
    }

    func seriesValues(_ node: YAMLNode) throws(InputError) -> [SeriesValue] {
        guard let scalar = node.scalar else {
            throw InputError("expected values in a string such as \"1+1x10 _ stale\"\(node.found)", at: node.location)
        }
        return try located(scalar) { text throws(InputError) in try SeriesNotation.values(text) }
    }

    /// Runs `parse` on the scalar's text, moving an error inside the text to its place in the file.
    func located<T>(_ scalar: ConfigScalar, _ parse: (String) throws(InputError) -> T) throws(InputError) -> T {
        do {
            return try parse(scalar.text)
        } catch {
            throw ScalarSourceMap(scalar, in: source).locating(error)
        }
    }

    // MARK: - Alert tests

    func alertRuleTest(_ node: YAMLNode, reader: inout YAMLReader) -> AlertRuleTest? {
        guard let mapping = reader.mapping(node, allowedKeys: ["eval_time", "alertname", "exp_alerts"]) else { return nil }
        let evalTime = evalTime(mapping, reader: &reader)
        let name = reader.read(reader.required("alertname", in: mapping, what: "the name of the alert to check")) {
            node throws(InputError) in try node.nonEmptyString(expecting: "the name of the alert to check")
        }
        let alerts = list(mapping["exp_alerts"], reader: &reader, expectedAlert)
        guard let name else { return nil }
        return AlertRuleTest(evalTime: evalTime, alertName: name, expectedAlerts: alerts, location: mapping.location)
    }

    func expectedAlert(_ node: YAMLNode, reader: inout YAMLReader) -> ExpectedAlert? {
        guard let mapping = reader.mapping(node, allowedKeys: ["exp_labels", "exp_annotations"]) else { return nil }
        let labels = mapping["exp_labels"].map { labelMap($0, reader: &reader) } ?? [:]
        let annotations = mapping["exp_annotations"].map { stringMap($0, reader: &reader) } ?? [:]
        return ExpectedAlert(labels: labels, annotations: annotations, location: mapping.location)
    }

    /// `eval_time`, zero when absent as in promtool.
    func evalTime(_ mapping: YAMLMapping, reader: inout YAMLReader) -> TimeSpan {
        reader.read(mapping["eval_time"]) { node throws(InputError) in try node.duration() } ?? TimeSpan(milliseconds: 0)
    }

    /// A mapping of label names to values.
    func labelMap(_ node: YAMLNode, reader: inout YAMLReader) -> [String: String] {
        var labels: [String: String] = [:]
        for entry in reader.read({ () throws(InputError) -> [YAMLEntry] in try node.entries() }) ?? [] {
            let name = reader.read { () throws(InputError) -> String in
                let scalar = entry.key
                guard LabelName.isValid(scalar.text) else {
                    throw InputError("expected a label name ([a-zA-Z_][a-zA-Z0-9_]*)\(scalar.found)", at: scalar.location)
                }
                return scalar.text
            }
            let value = reader.read { () throws(InputError) -> String in try entry.value.string() }
            if let name, let value { labels[name] = value }
        }
        return labels
    }

    /// A mapping of names to strings (annotations).
    func stringMap(_ node: YAMLNode, reader: inout YAMLReader) -> [String: String] {
        var strings: [String: String] = [:]
        for entry in reader.read({ () throws(InputError) -> [YAMLEntry] in try node.entries() }) ?? [] {
            if let value = reader.read({ () throws(InputError) -> String in try entry.value.string() }) {
                strings[entry.key.text] = value
            }
        }
        return strings
    }

    // MARK: - Expression tests

    func promqlExprTest(_ node: YAMLNode, reader: inout YAMLReader) -> PromQLExprTest? {
        guard let mapping = reader.mapping(node, allowedKeys: ["expr", "eval_time", "exp_samples"]) else { return nil }
        let expression = reader.read(reader.required("expr", in: mapping, what: "an expression such as sum(up)")) {
            node throws(InputError) -> (ConfigScalar, PromQL.Expression) in
            let scalar = try node.scalar(expecting: "an expression such as sum(up)")
            return (scalar, try located(scalar) { text throws(InputError) in try PromQL.parse(text) })
        }
        let evalTime = evalTime(mapping, reader: &reader)
        let samples = list(mapping["exp_samples"], reader: &reader, expectedSample)
        guard let expression else { return nil }
        let (scalar, parsed) = expression
        return PromQLExprTest(
            expressionText: scalar.text, expression: parsed, expressionSource: ScalarSourceMap(scalar, in: source),
            evalTime: evalTime, expectedSamples: samples, location: mapping.location)
    }

    func expectedSample(_ node: YAMLNode, reader: inout YAMLReader) -> ExpectedSample? {
        let errorsBefore = reader.errors.count
        guard let mapping = reader.mapping(node, allowedKeys: ["labels", "value"], misplacedKeys: [
            "histogram": "native histograms are not supported; expected 'value' with a number",
        ]) else { return nil }
        let labels = reader.read(mapping["labels"]) { node throws(InputError) -> Labels in
            let scalar = try node.scalar(expecting: "labels such as up{job=\"api\"} or {}")
            return try located(scalar) { text throws(InputError) in try SeriesNotation.labels(text) }
        } ?? .empty
        // promtool expects 0 when `value` is left out.
        let value = reader.read(mapping["value"]) { node throws(InputError) in try Self.number(node) } ?? 0
        guard reader.errors.count == errorsBefore else { return nil }
        return ExpectedSample(labels: labels, value: value, location: mapping.location)
    }

    static func number(_ node: YAMLNode) throws(InputError) -> Double {
        let expected = "a number such as 1, -2.5, 1e3, .inf or .nan"
        let scalar = try node.scalar(expecting: expected)
        guard let value = DecimalText.number(scalar.text) else { throw InputError("expected \(expected)\(scalar.found)", at: node.location) }
        return value
    }

    // MARK: - Goal tests

    static let figureKeys = [
        "exp_value", "exp_baseline", "exp_target", "exp_progress_ratio", "exp_expected_ratio", "exp_forecast_value",
        "exp_required_rate", "exp_compliance_ratio", "exp_remaining_days",
    ]
    static let goalTestKeys = ["eval_time", "goal", "labels", "exp_state"] + figureKeys

    func goalTest(_ node: YAMLNode, reader: inout YAMLReader) -> GoalTest? {
        let errorsBefore = reader.errors.count
        guard let mapping = reader.mapping(node, allowedKeys: Self.goalTestKeys) else { return nil }
        let evalTime = evalTime(mapping, reader: &reader)
        let goal = reader.read(reader.required("goal", in: mapping, what: "the name of the goal to check")) {
            node throws(InputError) in try node.nonEmptyString(expecting: "the name of the goal to check")
        }
        var test = GoalTest(evalTime: evalTime, goal: goal ?? "", location: mapping.location)
        if let node = mapping["labels"] { test.labels = labelMap(node, reader: &reader) }
        test.expectedState = reader.read(mapping["exp_state"]) { node throws(InputError) in
            GoalState(rawValue: try node.choice(GoalState.allCases.map(\.rawValue)))
        } ?? nil
        var figures: [String: ExpectedFigure] = [:]
        for key in Self.figureKeys {
            figures[key] = reader.read(mapping[key]) { node throws(InputError) in try Self.figure(node) }
        }
        test.expectedValue = figures["exp_value"]
        test.expectedBaseline = figures["exp_baseline"]
        test.expectedTarget = figures["exp_target"]
        test.expectedProgressRatio = figures["exp_progress_ratio"]
        test.expectedExpectedRatio = figures["exp_expected_ratio"]
        test.expectedForecastValue = figures["exp_forecast_value"]
        test.expectedRequiredRate = figures["exp_required_rate"]
        test.expectedComplianceRatio = figures["exp_compliance_ratio"]
        test.expectedRemainingDays = figures["exp_remaining_days"]
        guard reader.errors.count == errorsBefore else { return nil }
        if test.expectedState == nil, test.expectedFigures.isEmpty {
            reader.report(InputError(
                "expected at least one of exp_state, \(Self.figureKeys.joined(separator: ", ")) in a goal test, found none",
                at: mapping.location))
            return nil
        }
        return test
    }

    static func figure(_ node: YAMLNode) throws(InputError) -> ExpectedFigure {
        let expected = "a number such as 0.5, -12, 1e3, .inf or .nan"
        let scalar = try node.scalar(expecting: expected)
        guard let figure = ExpectedFigure(scalar.text, location: node.location) else {
            throw InputError("expected \(expected)\(scalar.found)", at: node.location)
        }
        return figure
    }
}
