/// A pending or firing alert as the engine holds it between evaluations.
///
/// `Codable`: the engine's ``RuleEngine/activeAlerts`` are what a daemon persists, and
/// ``RuleEngine/restore(_:)`` takes them back after a restart, so that no alert fires again as new
/// and no pending `for` timer starts over.
public struct ActiveAlert: Sendable, Hashable, Codable {
    /// The alert's state: labels, phase, active-since time, value.
    public var instance: AlertInstance
    /// Its annotations, as rendered at the last evaluation where its condition held.
    public var annotations: [String: String]
    /// The rule or goal that raised it.
    public var origin: AlertOrigin
    /// The labels of the series it came from (without the metric name), for `no_data` and `recover_when`.
    public var seriesLabels: Labels

    /// Creates an active alert.
    public init(instance: AlertInstance, annotations: [String: String], origin: AlertOrigin, seriesLabels: Labels) {
        self.instance = instance
        self.annotations = annotations
        self.origin = origin
        self.seriesLabels = seriesLabels
    }
}
