internal import GRDB
import GoalWatchCore

extension MetricStore {
    /// Inserts or replaces the silence `record.id`.
    public func save(_ record: SilenceRecord) throws {
        try perform("cannot save silence \(record.id)") {
            try pool.write { db in
                try db.execute(
                    sql: "INSERT OR REPLACE INTO silence (id, body, ends_at_ms) VALUES (?, ?, ?)",
                    arguments: [record.id, record.body, record.endsAt.milliseconds])
            }
        }
    }

    /// Every stored silence, by end time.
    public func silences() throws -> [SilenceRecord] {
        try perform("cannot read silences") {
            try pool.read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM silence ORDER BY ends_at_ms, id").map {
                    SilenceRecord(id: $0["id"], body: $0["body"], endsAt: Timestamp(milliseconds: $0["ends_at_ms"]))
                }
            }
        }
    }

    /// The silence with `id`, if there is one.
    public func silence(id: String) throws -> SilenceRecord? {
        try perform("cannot read silence \(id)") {
            try pool.read { db in
                try Row.fetchOne(db, sql: "SELECT * FROM silence WHERE id = ?", arguments: [id]).map {
                    SilenceRecord(id: $0["id"], body: $0["body"], endsAt: Timestamp(milliseconds: $0["ends_at_ms"]))
                }
            }
        }
    }

    /// Deletes silences that ended before `instant` (Alertmanager keeps expired silences for a
    /// retention period; callers pass `now - retention`).
    @discardableResult
    public func deleteSilences(endedBefore instant: Timestamp) throws -> Int {
        try perform("cannot delete expired silences") {
            try pool.write { db in
                try db.execute(sql: "DELETE FROM silence WHERE ends_at_ms < ?", arguments: [instant.milliseconds])
                return db.changesCount
            }
        }
    }
}
