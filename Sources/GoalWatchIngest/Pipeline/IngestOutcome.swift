import GoalWatchCore

/// What became of one snapshot handed to the pipeline.
public enum IngestOutcome: Sendable, Equatable {
    /// Stored in one transaction.
    case ingested(samples: Int, series: Int)
    /// Not read again: the ledger already holds this file or this content.
    case unchanged(reason: String)
    /// Written too recently to be sure its writer is done; read on a later scan.
    case settling
    /// Not read now (missing, unreadable, still being written); tried again on the next scan.
    case deferred(reason: String)
    /// Refused whole; nothing of it was stored. `quarantinedAt` is where the file was moved, if it was.
    case refused(InputError, quarantinedAt: String?)

    /// Whether the snapshot was refused.
    public var isRefused: Bool {
        if case .refused = self { return true }
        return false
    }
}
