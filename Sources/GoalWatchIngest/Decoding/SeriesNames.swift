import GoalWatchCore

/// The naming rules for labels and metrics that come from data or mappings (DESIGN §4): Prometheus'
/// syntax, and no `__` prefix, which is reserved for names GoalWatch sets itself (`__name__`).
enum SeriesNames {
    /// Why `name` cannot name a label, as an "expected …, found …" message; `nil` when it can.
    static func labelNameProblem(_ name: String) -> String? {
        guard !LabelName.isValid(name) || name.hasPrefix("__") else { return nil }
        return "expected a label name matching [a-zA-Z_][a-zA-Z0-9_]*, not starting with __, found \(FoundText.quoted(name))"
    }

    /// Why `name` cannot name a metric, as an "expected …, found …" message; `nil` when it can.
    static func metricNameProblem(_ name: String) -> String? {
        guard !MetricName.isValid(name) || name.hasPrefix("__") else { return nil }
        return "expected a metric name matching [a-zA-Z_:][a-zA-Z0-9_:]*, not starting with __, found \(FoundText.quoted(name))"
    }
}
