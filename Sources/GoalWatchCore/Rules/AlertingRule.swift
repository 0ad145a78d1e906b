/// An alerting rule: raises an alert for each series its expression yields.
public struct AlertingRule: Sendable {
    /// The alert's name (the `alertname` label); not empty.
    public var name: String
    /// The parsed condition; it yields an instant vector or a scalar.
    public var expression: PromQL.Expression
    /// The condition as written in the file.
    public var expressionText: String
    /// How long the condition must hold before the alert fires (`for`); zero fires at once.
    public var holdDuration: TimeSpan
    /// How long a firing alert keeps firing after the condition stops holding (`keep_firing_for`).
    public var keepFiringFor: TimeSpan
    /// Labels added to each alert; values are templates rendered per alert.
    public var labels: [String: AlertTemplate]
    /// Annotations of each alert (`summary`, `description`, …), rendered per alert.
    public var annotations: [String: AlertTemplate]
    /// What a firing alert does when its series vanish (`no_data`); ``NoDataPolicy/ok`` by default.
    public var noData: NoDataPolicy
    /// Hysteresis (`recover_when`): a firing alert resolves only once this expression yields its series;
    /// `nil` resolves as soon as the condition stops holding.
    public var recoverWhen: PromQL.Expression?
    /// `recover_when` as written in the file.
    public var recoverWhenText: String?
    /// Where the rule starts in its file.
    public var location: SourceLocation

    /// Creates an alerting rule.
    public init(
        name: String, expression: PromQL.Expression, expressionText: String,
        holdDuration: TimeSpan = TimeSpan(milliseconds: 0), keepFiringFor: TimeSpan = TimeSpan(milliseconds: 0),
        labels: [String: AlertTemplate] = [:], annotations: [String: AlertTemplate] = [:], noData: NoDataPolicy = .ok,
        recoverWhen: PromQL.Expression? = nil, recoverWhenText: String? = nil, location: SourceLocation
    ) {
        self.name = name
        self.expression = expression
        self.expressionText = expressionText
        self.holdDuration = holdDuration
        self.keepFiringFor = keepFiringFor
        self.labels = labels
        self.annotations = annotations
        self.noData = noData
        self.recoverWhen = recoverWhen
        self.recoverWhenText = recoverWhenText
        self.location = location
    }
}
