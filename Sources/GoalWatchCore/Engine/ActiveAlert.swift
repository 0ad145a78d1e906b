/// A pending or firing alert as the engine holds it between evaluations.
public struct ActiveAlert: Sendable, Hashable {
    /// The alert's state: labels, phase, active-since time, value.
    public var instance: AlertInstance
    /// Its annotations, as rendered at the last evaluation where its condition held.
    public var annotations: [String: String]
    /// The rule or goal that raised it.
    public var origin: AlertOrigin

    /// Creates an active alert.
    public init(instance: AlertInstance, annotations: [String: String], origin: AlertOrigin) {
        self.instance = instance
        self.annotations = annotations
        self.origin = origin
    }
}
