/// A transition of one alert with everything a notification needs: what the engine hands on.
public struct AlertTransition: Sendable, Hashable {
    /// The transition itself (kind, labels, value, times).
    public var event: AlertEvent
    /// The alert's annotations, rendered at this evaluation.
    public var annotations: [String: String]
    /// The rule or goal that raised it.
    public var origin: AlertOrigin
    /// The goal's figures at this evaluation, when a goal raised it.
    public var goal: GoalAssessment?

    /// Creates a transition.
    public init(event: AlertEvent, annotations: [String: String], origin: AlertOrigin, goal: GoalAssessment? = nil) {
        self.event = event
        self.annotations = annotations
        self.origin = origin
        self.goal = goal
    }
}
