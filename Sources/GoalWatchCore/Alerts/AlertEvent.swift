/// A transition of one alert, as the alert state machine reports it; what the router consumes.
public struct AlertEvent: Sendable, Hashable {
    /// What happened.
    public enum Kind: String, Sendable, Hashable {
        /// The condition started to hold; the alert waits for `for`.
        case pending
        /// The alert fires.
        case firing
        /// A firing alert ended.
        case resolved
    }

    /// The transition.
    public var kind: Kind
    /// The alert's labels, including `alertname`.
    public var labels: Labels
    /// The expression's value at the last evaluation where the condition held.
    public var value: Double
    /// When the condition started to hold.
    public var activeSince: Timestamp
    /// The evaluation time at which the transition happened.
    public var at: Timestamp

    public init(kind: Kind, labels: Labels, value: Double, activeSince: Timestamp, at: Timestamp) {
        self.kind = kind
        self.labels = labels
        self.value = value
        self.activeSince = activeSince
        self.at = at
    }
}
