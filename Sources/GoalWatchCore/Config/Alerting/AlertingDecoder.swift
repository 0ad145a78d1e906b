import Foundation

/// Reads the `alerting:` section: the routing tree, inhibition rules and time intervals; then checks
/// that every receiver and time interval the routes name exists.
struct AlertingDecoder {
    var configuration: ConfigurationDecoder
    /// The zone of time intervals without `location:`: `evaluation.timezone`.
    var defaultLocation: TimeZone

    static let keys = ["route", "inhibit_rules", "time_intervals"]
    static let routeKeys = [
        "receiver", "matchers", "continue", "group_by", "group_wait", "group_interval", "repeat_interval",
        "mute_time_intervals", "active_time_intervals", "fallback_receiver", "routes",
    ]
    static let inhibitKeys = ["source_matchers", "target_matchers", "equal"]

    /// Alertmanager's older keys, which GoalWatch does not take, each with what to write instead.
    static func olderSyntax(_ replacements: [String: String]) -> [String: String] {
        replacements.mapValues { replacement in
            "Alertmanager's older matcher syntax is not accepted; write \(replacement): ['name=\"value\"'] (or =~ for a regular expression)"
        }
    }

    /// The names the routes refer to, each as written, checked once everything is read.
    struct References {
        var receivers: [ConfigScalar] = []
        var timeIntervals: [ConfigScalar] = []
    }

    func alerting(_ node: YAMLNode, receivers: [String], reader: inout YAMLReader) -> AlertingConfiguration {
        var alerting = AlertingConfiguration()
        guard let mapping = reader.mapping(node, allowedKeys: Self.keys) else { return alerting }
        if let node = mapping["time_intervals"] {
            alerting.timeIntervals = TimeIntervalDecoder(defaultLocation: defaultLocation).sets(node, reader: &reader)
        }
        var references = References()
        if let node = reader.required("route", in: mapping, what: "the routing tree's root, such as {receiver: marketing-oncall}") {
            alerting.route = route(node, parent: nil, references: &references, reader: &reader)
        }
        if let node = mapping["inhibit_rules"] {
            alerting.inhibitRules = reader.list(node) { reader, item in inhibitRule(item, reader: &reader) } ?? []
        }
        check(references.receivers, kind: "receiver", defined: receivers, under: "receivers", reader: &reader)
        check(references.timeIntervals, kind: "time interval", defined: alerting.timeIntervals.keys.sorted(),
              under: "alerting.time_intervals", reader: &reader)
        return alerting
    }

    /// A route, its values not set inherited from `parent` (the root's from the defaults).
    func route(_ node: YAMLNode, parent: AlertRoute?, references: inout References, reader: inout YAMLReader) -> AlertRoute {
        var route = AlertRoute(receiver: parent?.receiver ?? "")
        if let parent {
            route.groupBy = parent.groupBy
            route.groupWait = parent.groupWait
            route.groupInterval = parent.groupInterval
            route.repeatInterval = parent.repeatInterval
            route.fallbackReceiver = parent.fallbackReceiver
        }
        let misplaced = Self.olderSyntax(["match": "matchers", "match_re": "matchers"])
        guard let mapping = reader.mapping(node, allowedKeys: Self.routeKeys, misplacedKeys: misplaced) else { return route }

        let receiverNode = parent == nil
            ? reader.required("receiver", in: mapping, what: "the name of the receiver of alerts no child route takes")
            : mapping["receiver"]
        if let name = reader.read(receiverNode, { node throws(InputError) in try Self.name(node, of: "a receiver") }) {
            route.receiver = name.text
            references.receivers.append(name)
        }
        if let name = reader.read(mapping["fallback_receiver"], { node throws(InputError) in try Self.name(node, of: "a receiver") }) {
            route.fallbackReceiver = name.text
            references.receivers.append(name)
        }
        if parent == nil {
            for key in ["matchers", "mute_time_intervals", "active_time_intervals"] {
                guard let entry = mapping.entry(key) else { continue }
                reader.report(InputError(
                    "the root route takes every alert at every time, so it cannot have \(key); set it on a route under routes:",
                    at: entry.key.location))
            }
        }
        if let node = mapping["matchers"] { route.matchers = matchers(node, reader: &reader) }
        route.continueMatching = reader.read(mapping["continue"]) { node throws(InputError) in try node.bool() } ?? false
        if let node = mapping["group_by"], let groupBy = groupBy(node, reader: &reader) { route.groupBy = groupBy }
        route.groupWait = reader.read(mapping["group_wait"]) { node throws(InputError) in try node.duration() } ?? route.groupWait
        route.groupInterval = reader.read(mapping["group_interval"]) { node throws(InputError) in try node.positiveDuration() }
            ?? route.groupInterval
        route.repeatInterval = reader.read(mapping["repeat_interval"]) { node throws(InputError) in try node.positiveDuration() }
            ?? route.repeatInterval
        route.muteTimeIntervals = intervalNames(mapping["mute_time_intervals"], references: &references, reader: &reader)
        route.activeTimeIntervals = intervalNames(mapping["active_time_intervals"], references: &references, reader: &reader)
        if let node = mapping["routes"] {
            let parent = route
            route.routes = reader.list(node) { reader, item in
                self.route(item, parent: parent, references: &references, reader: &reader)
            } ?? []
        }
        return route
    }

    func inhibitRule(_ node: YAMLNode, reader: inout YAMLReader) -> InhibitRule? {
        let misplaced = Self.olderSyntax([
            "source_match": "source_matchers", "source_match_re": "source_matchers",
            "target_match": "target_matchers", "target_match_re": "target_matchers",
        ])
        guard let mapping = reader.mapping(node, allowedKeys: Self.inhibitKeys, misplacedKeys: misplaced) else { return nil }
        let source = mapping["source_matchers"].map { matchers($0, reader: &reader) } ?? []
        let target = mapping["target_matchers"].map { matchers($0, reader: &reader) } ?? []
        let equal = mapping["equal"].flatMap { node in
            reader.list(node) { reader, item in reader.read { () throws(InputError) -> String in try item.labelName() } }
        }
        return InhibitRule(sourceMatchers: source, targetMatchers: target, equal: equal ?? [])
    }

    /// A list of matcher strings, each holding one matcher or several separated by commas (as in
    /// Alertmanager), sorted in Alertmanager's order. An error inside a string is reported at its
    /// own line and column.
    func matchers(_ node: YAMLNode, reader: inout YAMLReader) -> [AlertMatcher] {
        let source = configuration.source
        let lists = reader.list(node) { reader, item in
            reader.read { () throws(InputError) -> [AlertMatcher] in
                let scalar = try item.scalar(expecting: "a matcher such as 'team=\"care\"'")
                do throws(InputError) {
                    return try AlertMatcher.parseList(scalar.text)
                } catch {
                    // The parser's messages quote the text, so a value from an expansion gets none.
                    if scalar.isSecret { throw InputError("expected a matcher such as team=\"care\"\(scalar.found)", at: item.location) }
                    throw ScalarSourceMap(scalar, in: source).locating(error)
                }
            }
        }
        return (lists ?? []).flatMap { $0 }.sorted()
    }

    /// `group_by`: label names, or `...` alone for every label.
    func groupBy(_ node: YAMLNode, reader: inout YAMLReader) -> GroupBy? {
        guard let items = reader.list(node, { reader, item in
            reader.read { () throws(InputError) -> ConfigScalar in try item.scalar(expecting: "a label name or '...'") }
        }) else { return nil }
        var names: [String] = []
        var all: ConfigScalar?
        var seen: [String: SourceLocation] = [:]
        var failed = false
        for item in items {
            if item.text == "..." {
                all = item
                continue
            }
            guard let name = reader.read({ () throws(InputError) -> String in try item.asNode.labelName() }) else {
                failed = true
                continue
            }
            if let first = seen[name] {
                reader.report(InputError("duplicate label '\(name)' in group_by: it is already listed at \(first.line):\(first.column)", at: item.location))
                failed = true
                continue
            }
            seen[name] = item.location
            names.append(name)
        }
        if let all, !names.isEmpty {
            reader.report(InputError(
                "'...' groups by every label and cannot be combined with label names; write group_by: ['...'] alone or list only label names",
                at: all.location))
            return nil
        }
        if failed { return nil }
        return all == nil ? .labels(names) : .all
    }

    private func intervalNames(_ node: YAMLNode?, references: inout References, reader: inout YAMLReader) -> [String] {
        guard let node else { return [] }
        let names = reader.list(node) { reader, item in
            reader.read { () throws(InputError) -> ConfigScalar in try Self.name(item, of: "a time interval") }
        } ?? []
        references.timeIntervals += names
        return names.map(\.text)
    }

    /// A name that refers to something defined elsewhere.
    static func name(_ node: YAMLNode, of what: String) throws(InputError) -> ConfigScalar {
        let scalar = try node.scalar(expecting: "the name of \(what)")
        guard !scalar.text.isEmpty else { throw InputError("expected the name of \(what)\(scalar.found)", at: node.location) }
        return scalar
    }

    /// Reports every name in `names` that is not among `defined`, with a suggestion when one is close.
    private func check(_ names: [ConfigScalar], kind: String, defined: [String], under section: String, reader: inout YAMLReader) {
        let known = Set(defined)
        for name in names where !known.contains(name.text) {
            var message = "unknown \(kind) \(name.isSecret ? name.shown : "'\(name.text)'")"
            if !name.isSecret, let suggestion = KeySuggestion.closest(to: name.text, among: defined) {
                message += " (did you mean '\(suggestion)'?)"
            }
            message += defined.isEmpty
                ? "; no \(kind)s are defined (add them under \(section))"
                : "; \(kind)s defined: \(defined.joined(separator: ", "))"
            reader.report(InputError(message, at: name.location))
        }
    }
}
