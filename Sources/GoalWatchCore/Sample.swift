/// One observation of a series: a value at a time.
public struct Sample: Hashable, Sendable {
    /// When the value was observed.
    public var timestamp: Timestamp
    /// The observed value; finite for stored samples (ingest refuses NaN and ±Inf).
    public var value: Double

    public init(timestamp: Timestamp, value: Double) {
        self.timestamp = timestamp
        self.value = value
    }
}
