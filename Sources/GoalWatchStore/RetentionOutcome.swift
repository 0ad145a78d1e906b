/// What one pass of ``MetricStore/deleteSamples(before:)`` deleted.
public struct RetentionOutcome: Sendable, Hashable {
    /// Samples older than the cutoff.
    public var samples = 0
    /// Series left without samples.
    public var series = 0

    public init(samples: Int = 0, series: Int = 0) {
        self.samples = samples
        self.series = series
    }
}
