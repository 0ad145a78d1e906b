/// One `alert_rule_test` entry: the alerts of one name expected to be firing at one time.
public struct AlertRuleTest: Sendable, Hashable {
    /// When to check, from the group's start.
    public var evalTime: TimeSpan
    /// The `alertname` checked: all alerting rules of that name together.
    public var alertName: String
    /// The firing alerts expected; empty to expect none.
    public var expectedAlerts: [ExpectedAlert]
    /// Where the entry starts in the file.
    public var location: SourceLocation

    /// Creates an alert test from its parts.
    public init(evalTime: TimeSpan, alertName: String, expectedAlerts: [ExpectedAlert], location: SourceLocation) {
        self.evalTime = evalTime
        self.alertName = alertName
        self.expectedAlerts = expectedAlerts
        self.location = location
    }
}

/// One expected firing alert.
public struct ExpectedAlert: Sendable, Hashable {
    /// The alert's labels without `alertname` (the runner adds it, as promtool does), with the rule's
    /// labels and those of the series that raised it, expanded.
    public var labels: [String: String]
    /// The annotations, expanded.
    public var annotations: [String: String]
    /// Where the entry starts in the file.
    public var location: SourceLocation

    /// Creates an expected alert from its parts.
    public init(labels: [String: String], annotations: [String: String], location: SourceLocation) {
        self.labels = labels
        self.annotations = annotations
        self.location = location
    }
}
