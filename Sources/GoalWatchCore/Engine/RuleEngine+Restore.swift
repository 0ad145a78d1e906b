extension RuleEngine {
    /// Takes back the pending and firing alerts of an earlier run (``activeAlerts``, persisted), so
    /// that a restart neither fires them again as new nor starts their `for` timers over.
    ///
    /// Alerts are matched to their rule by group and rule name, and to their goal by goal name and
    /// kind; those whose rule or goal alert no longer exists are dropped, as Prometheus drops the state
    /// of removed rules.
    /// - Returns: how many alerts were restored.
    @discardableResult
    public mutating func restore(_ alerts: [ActiveAlert]) -> Int {
        var restored = 0
        var byRule: [RuleKey: [ActiveAlert]] = [:]
        var byGoal: [GoalAlertKey: [ActiveAlert]] = [:]
        for alert in alerts {
            switch alert.origin {
            case .rule(let group, let rule):
                guard let key = ruleKey(group: group, rule: rule) else { continue }
                byRule[key, default: []].append(alert)
            case .goal(let goal, let kind):
                guard let index = goals.firstIndex(where: { $0.name == goal }), goals[index].alerts[kind] != nil else { continue }
                byGoal[GoalAlertKey(goal: index, kind: kind), default: []].append(alert)
            }
        }
        for (key, alerts) in byRule {
            guard case .alerting(let rule) = groups[key.group].rules[key.rule] else { continue }
            alertingStates[key] = AlertingRuleState(holdDuration: rule.holdDuration, keepFiringFor: rule.keepFiringFor, restoring: alerts)
            restored += alerts.count
        }
        for (key, alerts) in byGoal {
            let settings = goals[key.goal].alerts[key.kind]!
            goalAlertStates[key] = AlertingRuleState(holdDuration: settings.holdDuration, restoring: alerts)
            restored += alerts.count
        }
        return restored
    }

    /// The position of the alerting rule `rule` in group `group`.
    private func ruleKey(group: String, rule: String) -> RuleKey? {
        guard let groupIndex = groups.firstIndex(where: { $0.name == group }) else { return nil }
        let ruleIndex = groups[groupIndex].rules.firstIndex { candidate in
            if case .alerting(let alerting) = candidate { return alerting.name == rule }
            return false
        }
        return ruleIndex.map { RuleKey(group: groupIndex, rule: $0) }
    }
}
