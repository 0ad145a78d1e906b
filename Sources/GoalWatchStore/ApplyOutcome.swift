/// What applying one snapshot changed.
public struct ApplyOutcome: Sendable, Hashable {
    /// Samples written (inserted or overwritten); a timestamp repeated for one series within the
    /// snapshot counts once, since only its last sample is kept.
    public var samplesWritten: Int
    /// Series the snapshot introduced.
    public var seriesCreated: Int

    public init(samplesWritten: Int, seriesCreated: Int) {
        self.samplesWritten = samplesWritten
        self.seriesCreated = seriesCreated
    }
}
