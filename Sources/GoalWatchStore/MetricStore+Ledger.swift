internal import GRDB
import GoalWatchCore

extension MetricStore {
    /// The newest ledger record of the file at `path` (latest `ingestedAt`), or `nil` if it was never ingested.
    public func ledgerRecord(path filePath: String) throws -> LedgerRecord? {
        try perform("cannot look up \(filePath) in the ingest ledger") {
            try pool.read { db in
                try LedgerRow.fetchOne(
                    db, sql: "SELECT * FROM ingest_ledger WHERE path = ? ORDER BY ingested_at_ms DESC, id DESC LIMIT 1",
                    arguments: [filePath]
                )?.record
            }
        }
    }

    /// A ledger record of a file with content hash `contentHash`, or `nil` if no such content was ingested.
    ///
    /// When several files had that content, the most recently ingested one.
    public func ledgerRecord(contentHash: String) throws -> LedgerRecord? {
        try perform("cannot look up content \(contentHash) in the ingest ledger") {
            try pool.read { db in
                try LedgerRow.fetchOne(
                    db,
                    sql: "SELECT * FROM ingest_ledger WHERE content_hash = ? ORDER BY ingested_at_ms DESC, id DESC LIMIT 1",
                    arguments: [contentHash]
                )?.record
            }
        }
    }
}

extension MetricStore {
    /// For each source named in the ledger, when a snapshot of it was last recorded.
    public func lastIngestBySource() throws -> [String: Timestamp] {
        try perform("cannot read the ingest ledger") {
            try pool.read { db in
                var last: [String: Timestamp] = [:]
                let rows = try Row.fetchAll(db, sql: """
                    SELECT source, max(ingested_at_ms) FROM ingest_ledger WHERE source IS NOT NULL GROUP BY source
                    """)
                for row in rows { last[row[0]] = Timestamp(milliseconds: row[1]) }
                return last
            }
        }
    }
}
