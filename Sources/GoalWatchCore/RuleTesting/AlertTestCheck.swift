/// Compares the firing alerts of one name with an `alert_rule_test`'s `exp_alerts`, as promtool does.
enum AlertTestCheck {
    static func compare(_ test: AlertRuleTest, active: [ActiveAlert], prefix: String) -> [String] {
        let got = active
            .filter { $0.instance.phase == .firing && $0.instance.labels["alertname"] == test.alertName }
            .map { LabelledAlert(labels: $0.instance.labels, annotations: Labels($0.annotations)) }
            .sorted()
        let expected = test.expectedAlerts
            .map { LabelledAlert(labels: Labels($0.labels).setting("alertname", to: test.alertName), annotations: Labels($0.annotations)) }
            .sorted()
        guard got != expected else { return [] }
        return ["\(prefix)    alertname: \(test.alertName), time: \(test.evalTime), \n        exp:\(LabelledAlert.list(expected)), \n        got:\(LabelledAlert.list(got))"]
    }
}

/// An alert's labels and annotations, ordered as promtool orders them for comparison.
private struct LabelledAlert: Comparable {
    var labels: Labels
    var annotations: Labels

    static func < (lhs: LabelledAlert, rhs: LabelledAlert) -> Bool {
        lhs.labels != rhs.labels ? lhs.labels < rhs.labels : lhs.annotations < rhs.annotations
    }

    static func list(_ alerts: [LabelledAlert]) -> String {
        guard !alerts.isEmpty else { return "[]" }
        let entries = alerts.enumerated().map { index, alert in
            "            \(index):\n              Labels:\(braced(alert.labels))\n              Annotations:\(braced(alert.annotations))"
        }
        return "[\n" + entries.joined(separator: "\n") + "\n            ]"
    }

    private static func braced(_ labels: Labels) -> String {
        "{" + labels.elements.map { "\($0.name)=\"\(Labels.escape($0.value))\"" }.joined(separator: ", ") + "}"
    }
}
