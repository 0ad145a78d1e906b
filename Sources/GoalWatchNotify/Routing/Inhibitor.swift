import GoalWatchCore

/// Which alerts the inhibition rules mute, given the alerts firing now (Alertmanager's semantics).
///
/// A target alert is muted by a rule when it matches the rule's target matchers and some other firing
/// alert matches the source matchers and has the same values (or the same absence) for every label in
/// `equal`. An alert matching both sides of a rule is muted only by a source that does not itself match
/// the target side, so two such alerts never mute each other.
struct Inhibitor: Sendable {
    private struct Source: Sendable {
        var labels: [String: String]
        var fingerprint: String
        var alsoTarget: Bool
    }

    private let rules: [InhibitRule]
    /// Per rule, the firing alerts that match its source matchers.
    private let sources: [[Source]]

    init(rules: [InhibitRule], firing: [RoutedAlert]) {
        self.rules = rules
        sources = rules.map { rule in
            firing.filter { alert in rule.sourceMatchers.allSatisfy { $0.matches(alert.labels) } }
                .map { alert in
                    Source(
                        labels: alert.labels, fingerprint: alert.fingerprint,
                        alsoTarget: rule.targetMatchers.allSatisfy { $0.matches(alert.labels) })
                }
        }
    }

    /// Whether an alert with `labels` and `fingerprint` is inhibited.
    func mutes(_ labels: [String: String], fingerprint: String) -> Bool {
        for (index, rule) in rules.enumerated() where rule.targetMatchers.allSatisfy({ $0.matches(labels) }) {
            let targetIsAlsoSource = rule.sourceMatchers.allSatisfy { $0.matches(labels) }
            for source in sources[index] where source.fingerprint != fingerprint {
                if targetIsAlsoSource && source.alsoTarget { continue }
                if rule.equal.allSatisfy({ labels[$0] == source.labels[$0] }) { return true }
            }
        }
        return false
    }
}
