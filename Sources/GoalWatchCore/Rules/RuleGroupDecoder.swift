/// Reads `groups:` and the rules in them, reporting every problem to a ``YAMLReader``.
struct RuleGroupDecoder {
    var context: RuleFileContext

    static let groupKeys = ["name", "interval", "limit", "labels", "query_offset", "rules"]
    static let recordingKeys = ["record", "expr", "labels"]
    static let alertingKeys = ["alert", "expr", "for", "keep_firing_for", "labels", "annotations", "no_data", "recover_when"]

    func groups(_ node: YAMLNode, reader: inout YAMLReader) -> [RuleGroup] {
        var firstUse: [String: SourceLocation] = [:]
        let groups = reader.list(node) { reader, item -> RuleGroup? in
            let (group, name) = self.group(item, reader: &reader)
            guard let name else { return group }
            if let first = firstUse[name.text] {
                reader.report(InputError(
                    "duplicate group name: \(name.shown) is already the name of the group at line \(first.line); group names must be unique within a file",
                    at: name.location))
                return nil
            }
            firstUse[name.text] = name.location
            return group
        }
        return groups ?? []
    }

    /// The group (`nil` when anything in it is wrong) and its name when that is valid, so that names are
    /// checked for uniqueness even in groups with other problems.
    func group(_ node: YAMLNode, reader: inout YAMLReader) -> (group: RuleGroup?, name: ConfigScalar?) {
        let errorsBefore = reader.errors.count
        guard let mapping = reader.mapping(node, allowedKeys: Self.groupKeys) else { return (nil, nil) }
        let name = reader.read(reader.required("name", in: mapping, what: "the group's name, such as kpis")) {
            node throws(InputError) -> ConfigScalar in
            let scalar = try node.scalar(expecting: "a group name")
            guard !scalar.text.isEmpty else { throw InputError("expected a group name, found an empty string", at: node.location) }
            return scalar
        }
        let interval = reader.read(mapping["interval"]) { node throws(InputError) in try node.positiveDuration() }
        let limit = reader.read(mapping["limit"]) { node throws(InputError) -> Int in
            let scalar = try node.scalar(expecting: "a number of series (0 for no limit)")
            guard let limit = Int(scalar.text), limit >= 0 else {
                throw InputError("expected a number of series (0 for no limit)\(scalar.found)", at: node.location)
            }
            return limit
        } ?? 0
        let labels = mapping["labels"].flatMap { context.labels($0, reader: &reader) } ?? [:]
        let queryOffset = reader.read(mapping["query_offset"]) { node throws(InputError) in try node.duration() }
        let rules = mapping["rules"].flatMap { node in
            reader.list(node) { reader, item in self.rule(item, reader: &reader) }
        } ?? []
        guard reader.errors.count == errorsBefore, let name else { return (nil, name) }
        let group = RuleGroup(
            name: name.text, interval: interval, limit: limit, labels: labels, queryOffset: queryOffset, rules: rules,
            location: mapping.location)
        return (group, name)
    }

    // MARK: - Rules

    func rule(_ node: YAMLNode, reader: inout YAMLReader) -> Rule? {
        guard case .mapping(let entries) = node.content else {
            reader.report(InputError("expected a rule (a mapping with 'record' or 'alert')\(node.found)", at: node.location))
            return nil
        }
        let record = entries.first { $0.key.text == "record" }
        let alert = entries.first { $0.key.text == "alert" }
        switch (record, alert) {
        case (_?, nil):
            guard let mapping = reader.mapping(
                node, allowedKeys: Self.recordingKeys + Self.zeroAlertingKeys(in: entries),
                misplacedKeys: Self.alertingOnlyKeys)
            else { return nil }
            return recordingRule(mapping, reader: &reader).map(Rule.recording)
        case (nil, _?):
            guard let mapping = reader.mapping(node, allowedKeys: Self.alertingKeys) else { return nil }
            return alertingRule(mapping, reader: &reader).map(Rule.alerting)
        case (let record?, let alert?):
            let (first, second) = record.key.location.line <= alert.key.location.line ? (record, alert) : (alert, record)
            reader.report(InputError(
                "only one of 'record' and 'alert' may be set: this rule has both ('\(first.key.text)' at \(first.key.location.line):\(first.key.location.column))",
                at: second.key.location))
            _ = reader.mapping(node, allowedKeys: ["record"] + Self.alertingKeys)
            return nil
        case (nil, nil):
            reader.report(InputError(
                "one of 'record' or 'alert' must be set: expected 'record: <metric name>' for a recording rule or 'alert: <name>' for an alerting rule",
                at: node.location))
            _ = reader.mapping(node, allowedKeys: ["record"] + Self.alertingKeys)
            return nil
        }
    }

    /// Keys of alerting rules that a recording rule may carry when they mean nothing, as Prometheus
    /// allows: `for: 0s`, `keep_firing_for: 0s`, `annotations: {}`.
    static func zeroAlertingKeys(in entries: [YAMLEntry]) -> [String] {
        entries.compactMap { entry in
            switch entry.key.text {
            case "for", "keep_firing_for":
                guard let text = entry.value.scalar?.text, TimeSpan(text)?.milliseconds == 0 else { return nil }
                return entry.key.text
            case "annotations":
                guard entry.value.isNull || entry.value.content == .mapping([]) else { return nil }
                return entry.key.text
            default:
                return nil
            }
        }
    }

    /// The message for each alerting-rule key found in a recording rule.
    static let alertingOnlyKeys: [String: String] = Dictionary(uniqueKeysWithValues: alertingKeys.dropFirst(2)
        .filter { $0 != "labels" }
        .map { key in
            (key, "invalid field '\(key)' in recording rule: '\(key)' is only for alerting rules (a recording rule's keys: \(recordingKeys.joined(separator: ", ")))")
        })

    func recordingRule(_ mapping: YAMLMapping, reader: inout YAMLReader) -> RecordingRule? {
        let errorsBefore = reader.errors.count
        let record = reader.read(reader.required("record", in: mapping, what: "a metric name such as job:followers:sum")) {
            node throws(InputError) in try Self.recordName(node)
        }
        let expression = context.requiredExpression("expr", in: mapping, what: "a PromQL expression", reader: &reader)
        let labels = mapping["labels"].flatMap { context.labels($0, reader: &reader) } ?? [:]
        guard reader.errors.count == errorsBefore, let record, let expression else { return nil }
        return RecordingRule(
            record: record, expression: expression.expression, expressionText: expression.text, labels: labels,
            location: mapping.location)
    }

    /// A recording rule's name: a metric name; braces suggest an expression put in the wrong key.
    static func recordName(_ node: YAMLNode) throws(InputError) -> String {
        let expected = "a metric name ([a-zA-Z_:][a-zA-Z0-9_:]*, not starting with __)"
        let scalar = try node.scalar(expecting: expected)
        guard MetricName.isValid(scalar.text), !scalar.text.hasPrefix("__") else {
            let hint = scalar.text.contains(where: { $0 == "{" || $0 == "}" })
                ? " (braces present in the recording rule name; should it be in expr?)" : ""
            throw InputError("expected \(expected)\(scalar.found)\(hint)", at: node.location)
        }
        return scalar.text
    }

    func alertingRule(_ mapping: YAMLMapping, reader: inout YAMLReader) -> AlertingRule? {
        let errorsBefore = reader.errors.count
        let name = reader.read(reader.required("alert", in: mapping, what: "the alert's name, such as SlowFirstResponse")) {
            node throws(InputError) in try node.nonEmptyString(expecting: "an alert name such as SlowFirstResponse")
        }
        let expression = context.requiredExpression("expr", in: mapping, what: "a PromQL expression", reader: &reader)
        let holdDuration = reader.read(mapping["for"]) { node throws(InputError) in try node.duration() }
        let keepFiringFor = reader.read(mapping["keep_firing_for"]) { node throws(InputError) in try node.duration() }
        let labels = mapping["labels"].flatMap { context.templates($0, reader: &reader) } ?? [:]
        let annotations = mapping["annotations"].flatMap { context.templates($0, reader: &reader) } ?? [:]
        let noData = reader.read(mapping["no_data"]) { node throws(InputError) in
            NoDataPolicy(rawValue: try node.choice(NoDataPolicy.allCases.map(\.rawValue)))
        } ?? nil
        let recoverWhen = mapping.entry("recover_when").flatMap { entry in
            entry.value.isNull ? nil : context.expression(entry, reader: &reader)
        }
        guard reader.errors.count == errorsBefore, let name, let expression else { return nil }
        let zero = TimeSpan(milliseconds: 0)
        return AlertingRule(
            name: name, expression: expression.expression, expressionText: expression.text,
            holdDuration: holdDuration ?? zero, keepFiringFor: keepFiringFor ?? zero, labels: labels,
            annotations: annotations, noData: noData ?? .ok, recoverWhen: recoverWhen?.expression,
            recoverWhenText: recoverWhen?.text, location: mapping.location)
    }
}
