/// A named entry of `alerting.time_intervals`: the times a route's `mute_time_intervals` silence it,
/// or its `active_time_intervals` let it notify.
public struct TimeIntervalSet: Sendable, Hashable {
    /// The name routes refer to it by.
    public var name: String
    /// The intervals; an instant is in the set when it is in any of them (so none: never).
    public var intervals: [TimeIntervalSpec]

    /// Creates a named set of time intervals.
    public init(name: String, intervals: [TimeIntervalSpec]) {
        self.name = name
        self.intervals = intervals
    }

    /// Whether `instant` falls in any of the intervals.
    public func contains(_ instant: Timestamp) -> Bool {
        intervals.contains { $0.contains(instant) }
    }
}
