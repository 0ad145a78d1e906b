internal import GRDB
import GoalWatchCore

// The rows of the store's tables as GRDB records. They stay internal so that GRDB does not leak
// into the public API; the public value types convert to and from them.

/// A row of `ingest_ledger`.
struct LedgerRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "ingest_ledger"

    var path: String
    var size: Int64
    var modifiedNs: Int64
    var contentHash: String
    var source: String?
    var ingestedAtMs: Int64
    var samples: Int

    private enum CodingKeys: String, CodingKey {
        case path, size
        case modifiedNs = "modified_ns"
        case contentHash = "content_hash"
        case source
        case ingestedAtMs = "ingested_at_ms"
        case samples
    }

    init(_ record: LedgerRecord) {
        path = record.path
        size = record.size
        modifiedNs = record.modified
        contentHash = record.contentHash
        source = record.source
        ingestedAtMs = record.ingestedAt.milliseconds
        samples = record.samples
    }

    var record: LedgerRecord {
        LedgerRecord(
            path: path, size: size, modified: modifiedNs, contentHash: contentHash, source: source,
            ingestedAt: Timestamp(milliseconds: ingestedAtMs), samples: samples)
    }
}

/// A row of `quarantine`.
struct QuarantineRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "quarantine"

    var path: String
    var reason: String
    var atMs: Int64

    private enum CodingKeys: String, CodingKey {
        case path, reason
        case atMs = "at_ms"
    }

    init(_ record: QuarantineRecord) {
        path = record.path
        reason = record.reason
        atMs = record.at.milliseconds
    }

    var record: QuarantineRecord {
        QuarantineRecord(path: path, reason: reason, at: Timestamp(milliseconds: atMs))
    }
}

/// A row of `series`, as read; `ResolvedSeries` writes them.
struct SeriesRow: Decodable, FetchableRecord {
    var id: Int64
    var name: String
    var labels: String
    var source: String?
    var lookbackMs: Int64?

    private enum CodingKeys: String, CodingKey {
        case id, name, labels, source
        case lookbackMs = "lookback_ms"
    }
}
