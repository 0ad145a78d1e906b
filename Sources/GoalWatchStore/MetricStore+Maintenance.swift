internal import GRDB
import GoalWatchCore

extension MetricStore {
    /// Deletes every sample older than `cutoff` (timestamp `< cutoff`), then every series left
    /// without samples.
    ///
    /// The samples go one day (see ``SampleDay``) per transaction, each a contiguous range of the
    /// table, so that the first pass over a store that never had one (a long backfill, a shorter
    /// `retention`) holds the write lock for a moment at a time and ingest goes on in between. Each
    /// transaction is complete on its own: a crash between two leaves older days, which the next pass
    /// deletes.
    ///
    /// - Returns: the samples and series deleted.
    @discardableResult
    public func deleteSamples(before cutoff: Timestamp) throws -> RetentionOutcome {
        try perform("cannot delete samples before \(cutoff)") {
            let cutoffDay = SampleDay.of(cutoff.milliseconds)
            let days = try pool.read { db in
                try Int64.fetchAll(db, sql: "SELECT day FROM sample_day WHERE day <= ? ORDER BY day", arguments: [cutoffDay])
            }
            var outcome = RetentionOutcome()
            for day in days {
                outcome.samples += try pool.write { db in
                    // The cutoff's own day keeps its samples from the cutoff on.
                    try db.execute(
                        sql: "DELETE FROM samples WHERE day = ? AND ts < ?",
                        arguments: [day, day < cutoffDay ? Int64.max : cutoff.milliseconds])
                    let deleted = db.changesCount
                    try db.execute(
                        sql: "DELETE FROM sample_day WHERE day = ?1 AND NOT EXISTS (SELECT 1 FROM samples WHERE day = ?1)",
                        arguments: [day])
                    return deleted
                }
            }
            // A series' newest sample older than the cutoff means none is left.
            outcome.series = try pool.write { db in
                try db.execute(sql: "DELETE FROM series WHERE last_ms IS NULL OR last_ms < ?", arguments: [cutoff.milliseconds])
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
