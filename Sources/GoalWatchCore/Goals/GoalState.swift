/// Where a goal stands at one instant (DESIGN §6); the first that applies, in declaration order.
public enum GoalState: String, Sendable, Hashable, CaseIterable, Codable {
    /// Outside its period (before the start, or after the end and its grace).
    case inactive
    /// No sample newer than `stale.after`.
    case stale
    /// The period ended without reaching the target (reach goals) or below `min_compliance` (maintain goals).
    case missed
    /// The target was reached (reach goals), or the period ended in compliance (maintain goals).
    case achieved
    /// Progress is behind the expected pace by more than the tolerance (reach goals).
    case behindPace = "behind_pace"
    /// The forecast at the period's end misses the target (reach goals).
    case atRisk = "at_risk"
    /// The value is outside its bound now (maintain goals).
    case breached
    /// None of the above.
    case onTrack = "on_track"
}
