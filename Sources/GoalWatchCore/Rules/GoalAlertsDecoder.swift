/// Reads a goal's `alerts:`: which alerts it raises, each with the keys its kind accepts.
struct GoalAlertsDecoder {
    var context: RuleFileContext

    /// - Parameter target: the goal's target and its text when valid: maintain goals refuse the alerts of
    ///   reach goals and the other way round.
    func alerts(
        _ node: YAMLNode, target: (target: GoalTarget, text: String)?, reader: inout YAMLReader
    ) -> [GoalAlertKind: GoalAlertSettings]? {
        let kinds = GoalAlertKind.allCases.filter { kind in
            guard let target else { return true }
            return target.target.isMaintain ? kind.appliesToMaintainGoals : kind.appliesToReachGoals
        }
        var misplaced: [String: String] = [:]
        if let target {
            for kind in GoalAlertKind.allCases where !kinds.contains(kind) {
                misplaced[kind.rawValue] = "alert '\(kind.rawValue)' is only for \(target.target.isMaintain ? "reach" : "maintain") goals; "
                    + GoalDecoder.describe(target) + " (its alerts: \(kinds.map(\.rawValue).joined(separator: ", ")))"
            }
        }
        guard let mapping = reader.mapping(node, allowedKeys: kinds.map(\.rawValue), misplacedKeys: misplaced) else { return nil }
        var alerts: [GoalAlertKind: GoalAlertSettings] = [:]
        var failed = false
        for entry in mapping.entries {
            guard let kind = GoalAlertKind(rawValue: entry.key.text), kinds.contains(kind) else { continue }
            if let settings = self.settings(entry.value, kind: kind, reader: &reader) {
                alerts[kind] = settings
            } else {
                failed = true
            }
        }
        return failed ? nil : alerts
    }

    /// One alert's settings; an empty entry (`achieved: {}` or `achieved:`) means the kind's defaults.
    func settings(_ node: YAMLNode, kind: GoalAlertKind, reader: inout YAMLReader) -> GoalAlertSettings? {
        var settings = GoalAlertSettings.defaults(for: kind)
        if node.isNull { return settings }
        let allowed = GoalAlertSettings.allowedKeys(for: kind)
        guard let mapping = reader.mapping(node, allowedKeys: allowed, misplacedKeys: Self.misplacedKeys(kind: kind)) else {
            return nil
        }
        let errorsBefore = reader.errors.count
        if let hold = reader.read(mapping["for"], { node throws(InputError) in try node.duration() }) {
            settings.holdDuration = hold
        }
        settings.severity = reader.read(mapping["severity"]) { node throws(InputError) in
            try node.nonEmptyString(expecting: "a severity such as warning or critical")
        }
        if let node = mapping["labels"], let labels = context.labels(node, reserved: GoalDecoder.reservedLabels, reader: &reader) {
            settings.labels = labels
        }
        if let tolerance = reader.read(mapping["tolerance"], { node throws(InputError) in try node.share(example: "5% or 0.05") }) {
            settings.tolerance = tolerance
        }
        if let minElapsed = reader.read(mapping["min_elapsed"], { node throws(InputError) in try node.share(example: "10% or 0.1") }) {
            settings.minElapsed = minElapsed
        }
        if let window = reader.read(mapping["window"], { node throws(InputError) in try node.positiveDuration() }) {
            settings.window = window
        }
        if let after = reader.read(mapping["after"], { node throws(InputError) in try node.positiveDuration() }) {
            settings.after = after
        }
        return reader.errors.count == errorsBefore ? settings : nil
    }

    /// For each key some other kind accepts, a message naming the kinds that do.
    static func misplacedKeys(kind: GoalAlertKind) -> [String: String] {
        let own = GoalAlertSettings.allowedKeys(for: kind)
        var owners: [String: [GoalAlertKind]] = [:]
        for other in GoalAlertKind.allCases where other != kind {
            for key in GoalAlertSettings.allowedKeys(for: other) where !own.contains(key) {
                owners[key, default: []].append(other)
            }
        }
        var messages: [String: String] = [:]
        for (key, kinds) in owners {
            let names = kinds.map(\.rawValue)
            let owners = names.count < 2 ? names.joined() : names.dropLast().joined(separator: ", ") + " and " + (names.last ?? "")
            messages[key] = "key '\(key)' is only for \(owners) alerts; allowed keys for \(kind.rawValue): \(own.joined(separator: ", "))"
        }
        return messages
    }
}
