/// What applying one snapshot changed.
public struct ApplyOutcome: Sendable, Hashable {
    /// Samples inserted, or overwritten with a different value.
    public var samplesWritten: Int
    /// Samples already stored with the same value, left as they were. A snapshot applied twice
    /// writes nothing the second time.
    ///
    /// `samplesWritten + samplesUnchanged` is the number of distinct (series, timestamp) pairs in the
    /// snapshot: a timestamp repeated for one series counts once, since only its last sample is kept.
    public var samplesUnchanged: Int
    /// Series the snapshot introduced.
    public var seriesCreated: Int

    public init(samplesWritten: Int, samplesUnchanged: Int, seriesCreated: Int) {
        self.samplesWritten = samplesWritten
        self.samplesUnchanged = samplesUnchanged
        self.seriesCreated = seriesCreated
    }
}
