internal import GRDB
import GoalWatchCore

extension MetricStore {
    /// Applies one decoded snapshot in one transaction.
    ///
    /// Inserts the batch's series that are new and records `source` and `lookback` on all of them
    /// (the newest snapshot wins; `nil` keeps what was recorded). Writes every sample: for the same
    /// series and timestamp the last write wins, over stored samples and, within the batch, over
    /// earlier samples of the batch. Records `ledger` if given, replacing an earlier record of the
    /// same file (same path, size, modification time and content hash).
    ///
    /// All or nothing: when anything fails, no series, sample or ledger record of the batch is
    /// stored. When this returns, the snapshot is durable.
    ///
    /// A series of the batch without samples is not stored.
    /// - Returns: how many samples were written and how many series created.
    /// - Throws: ``StoreError``, e.g. when a value is NaN or the ledger record is malformed.
    @discardableResult
    public func apply(
        _ batch: SampleBatch, source: String?, lookback: TimeSpan?, ledger: LedgerRecord?
    ) throws -> ApplyOutcome {
        guard batch.count <= Int(Int32.max) else {
            throw StoreError(
                path: path,
                message: "cannot apply a snapshot of \(batch.count) samples; at most \(Int32.max) fit one transaction")
        }
        // Ordering and encoding are CPU work; do them before taking the write lock.
        let order = SampleOrder(batch)
        let encoded = batch.series.map(LabelsEncoding.encode)
        return try perform("cannot apply a snapshot") {
            try pool.write { db in
                let series = try SeriesResolver(
                    series: batch.series, encoded: encoded, order: order, source: source, lookback: lookback,
                    in: db)
                let written = try SampleWriter.write(batch, order: order, seriesIDs: series.ids, in: db)
                if let ledger {
                    try LedgerRow(ledger).upsert(db)
                }
                return ApplyOutcome(samplesWritten: written, seriesCreated: series.created)
            }
        }
    }
}
