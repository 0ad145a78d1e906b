import GoalWatchCore

/// What a series holds, at a glance: how many samples, over which span, and the latest value.
public struct SeriesSummary: Sendable, Hashable {
    /// Number of stored samples.
    public var sampleCount: Int
    /// Timestamp of the oldest sample.
    public var first: Timestamp
    /// Timestamp of the newest sample.
    public var last: Timestamp
    /// Value of the newest sample.
    public var lastValue: Double

    public init(sampleCount: Int, first: Timestamp, last: Timestamp, lastValue: Double) {
        self.sampleCount = sampleCount
        self.first = first
        self.last = last
        self.lastValue = lastValue
    }
}
