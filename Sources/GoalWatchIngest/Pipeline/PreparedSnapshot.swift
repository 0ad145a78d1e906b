import GoalWatchCore
import GoalWatchStore

/// A snapshot file read, checked against the ledger and decoded by ``SnapshotIngester/prepare(_:settings:now:)``,
/// for ``SnapshotIngester/store(_:quarantine:)`` to store.
public struct PreparedSnapshot: Sendable {
    /// What preparing found.
    enum Stage: Sendable {
        /// Nothing to store: unchanged since ingested, or deferred.
        case finished(IngestOutcome)
        /// Refused with this error; to be quarantined when stored.
        case refused(InputError)
        /// Ready to store (an empty batch when the ledger knew the content).
        case decoded(record: LedgerRecord, batch: SampleBatch)
    }

    /// The file's path.
    public let path: String
    let settings: IngestSettings
    let now: Timestamp
    let stage: Stage
}
