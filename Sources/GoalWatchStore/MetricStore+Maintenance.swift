internal import GRDB
import GoalWatchCore

extension MetricStore {
    /// Deletes every sample older than `cutoff` (timestamp `< cutoff`), then every series left
    /// without samples, in one transaction.
    ///
    /// - Returns: the number of samples deleted.
    @discardableResult
    public func deleteSamples(before cutoff: Timestamp) throws -> Int {
        try perform("cannot delete samples before \(cutoff)") {
            try pool.write { db in
                // Per series, so each delete is a range of the primary key rather than a table scan.
                let ids = try Int64.fetchAll(db, sql: "SELECT id FROM series")
                let delete = try db.cachedStatement(sql: "DELETE FROM samples WHERE series_id = ? AND ts < ?")
                var deleted = 0
                for id in ids {
                    try delete.execute(arguments: [id, cutoff.milliseconds])
                    deleted += db.changesCount
                }
                try db.execute(sql: """
                    DELETE FROM series WHERE NOT EXISTS (SELECT 1 FROM samples WHERE series_id = series.id)
                    """)
                return deleted
            }
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
