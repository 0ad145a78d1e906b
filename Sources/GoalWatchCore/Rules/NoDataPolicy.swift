/// What a firing alert does when the series it fires for vanish (`no_data:`, DESIGN §7).
public enum NoDataPolicy: String, Sendable, Hashable, CaseIterable {
    /// Resolve, as Prometheus does. The default.
    case ok
    /// Keep the alert's state until data returns (or the goal's `stale` alert fires).
    case keep
    /// Keep firing, and treat the absence itself as the condition.
    case alerting
}
