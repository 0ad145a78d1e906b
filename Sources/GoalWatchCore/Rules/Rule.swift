/// One rule of a group: it records a series or raises alerts.
public enum Rule: Sendable {
    /// `record:` — stores the expression's result as a new series.
    case recording(RecordingRule)
    /// `alert:` — raises an alert for each series the expression yields.
    case alerting(AlertingRule)

    /// The recorded metric's name or the alert's name.
    public var name: String {
        switch self {
        case .recording(let rule): return rule.record
        case .alerting(let rule): return rule.name
        }
    }

    /// Where the rule starts in its file.
    public var location: SourceLocation {
        switch self {
        case .recording(let rule): return rule.location
        case .alerting(let rule): return rule.location
        }
    }
}
