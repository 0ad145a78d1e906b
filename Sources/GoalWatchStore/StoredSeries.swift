import GoalWatchCore

/// A series as the store knows it.
public struct StoredSeries: Sendable, Hashable {
    /// The store's id for the series, stable for as long as the series has samples.
    public var id: Int64
    /// The full label set, including `__name__`.
    public var labels: Labels
    /// The source that last wrote the series, if it was named.
    public var source: String?
    /// The lookback last declared for the series (how far back a value stays current), if any.
    public var lookback: TimeSpan?

    public init(id: Int64, labels: Labels, source: String?, lookback: TimeSpan?) {
        self.id = id
        self.labels = labels
        self.source = source
        self.lookback = lookback
    }
}
