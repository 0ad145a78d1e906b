internal import GRDB
import GoalWatchCore

extension MetricStore {
    /// Applies one decoded snapshot in one transaction.
    ///
    /// Inserts the batch's series that are new and records `source` and `lookback` on all of them
    /// (the newest snapshot wins; `nil` keeps what was recorded). Stores every sample: for the same
    /// series and timestamp the last write wins, over stored samples and, within the batch, over
    /// earlier samples of the batch; a sample already stored with the same value is left as is.
    /// Records `ledger` if given, replacing an earlier record of the same file (same path, size,
    /// modification time and content hash). A series of the batch without samples is not stored.
    ///
    /// All or nothing: when anything fails, no series, sample or ledger record of the batch is
    /// stored. When this returns, the snapshot is durable. Sorting the batch happens before the
    /// write lock is taken, so readers and other work are held up only by the writing itself.
    ///
    /// - Returns: how many samples were written or found unchanged, and how many series created.
    /// - Throws: ``StoreError``, e.g. when a value is NaN or the ledger record is malformed.
    @discardableResult
    public func apply(
        _ batch: SampleBatch, source: String?, lookback: TimeSpan?, ledger: LedgerRecord?
    ) throws -> ApplyOutcome {
        try perform("cannot apply a snapshot") {
            // CPU work, done before taking the write lock.
            let ordered = try OrderedSamples(batch)
            let encoded = batch.series.map(LabelsEncoding.encode)
            return try pool.write { db in
                let series = try ResolvedSeries(
                    series: batch.series, encoded: encoded, ordered: ordered, source: source, lookback: lookback,
                    in: db)
                let counts = try SampleWriter.write(ordered, series: series, in: db)
                if let ledger {
                    try LedgerRow(ledger).upsert(db)
                }
                return ApplyOutcome(
                    samplesWritten: counts.written, samplesUnchanged: counts.unchanged, seriesCreated: series.created)
            }
        }
    }
}
