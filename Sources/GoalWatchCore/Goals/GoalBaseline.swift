/// Where a goal starts from (DESIGN §5–6).
public enum GoalBaseline: Sendable, Hashable {
    /// A fixed value (`baseline: {value: 12000}`).
    case value(Double)
    /// The metric's value at an instant (`baseline: {at: 2026-01-01}`): the last sample at or before it,
    /// else the first after it. The default is the period's start.
    case at(Timestamp)
}
