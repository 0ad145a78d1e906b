internal import GRDB
import GoalWatchCore

extension MetricStore {
    /// How many series' samples one transaction of ``deleteSamples(before:)`` deletes.
    static let retentionBatch = 1_000

    /// Deletes every sample older than `cutoff` (timestamp `< cutoff`), then every series left
    /// without samples.
    ///
    /// The samples go in transactions of ``retentionBatch`` series each, so that the first pass over a
    /// store that never had one (a long backfill, a shorter `retention`) holds the write lock for a
    /// moment at a time and ingest goes on in between. Each transaction is complete on its own: a crash
    /// between two leaves older samples of some series, which the next pass deletes.
    ///
    /// - Returns: the samples and series deleted.
    @discardableResult
    public func deleteSamples(before cutoff: Timestamp) throws -> RetentionOutcome {
        try perform("cannot delete samples before \(cutoff)") {
            let ids = try pool.read { db in try Int64.fetchAll(db, sql: "SELECT id FROM series ORDER BY id") }
            var outcome = RetentionOutcome()
            var start = ids.startIndex
            while start < ids.endIndex {
                let end = min(start + Self.retentionBatch, ids.endIndex)
                outcome.samples += try pool.write { db in
                    // Per series, so each delete is a range of the primary key rather than a table scan.
                    let delete = try db.cachedStatement(sql: "DELETE FROM samples WHERE series_id = ? AND ts < ?")
                    var deleted = 0
                    for id in ids[start..<end] {
                        try delete.execute(arguments: [id, cutoff.milliseconds])
                        deleted += db.changesCount
                    }
                    return deleted
                }
                start = end
            }
            outcome.series = try pool.write { db in
                try db.execute(sql: """
                    DELETE FROM series WHERE NOT EXISTS (SELECT 1 FROM samples WHERE series_id = series.id)
                    """)
                return db.changesCount
            }
            return outcome
        }
    }

    /// Records that a file was refused and moved to quarantine.
    public func recordQuarantine(_ record: QuarantineRecord) throws {
        try perform("cannot record the quarantine of \(record.path)") {
            try pool.write { db in try QuarantineRow(record).insert(db) }
        }
    }

    /// Every quarantine record, oldest first.
    public func quarantineRecords() throws -> [QuarantineRecord] {
        try perform("cannot list quarantined files") {
            try pool.read { db in
                try QuarantineRow.fetchAll(db, sql: "SELECT * FROM quarantine ORDER BY at_ms, id").map(\.record)
            }
        }
    }
}
