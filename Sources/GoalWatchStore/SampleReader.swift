internal import GRDB
internal import GRDBSQLite
import GoalWatchCore

/// Reads one series' samples in a time range through the raw SQLite handle of a cached statement.
///
/// Range reads feed the evaluator's reloads (90 days × thousands of series) and the merge of each
/// snapshot with what is stored, so rows are read column by column straight into `Sample`s, with
/// no per-row `Row` or argument boxing.
struct SampleReader {
    private let statement: Statement
    private let db: Database

    init(_ db: Database) throws {
        self.db = db
        statement = try db.cachedStatement(sql: """
            SELECT ts, value FROM samples WHERE series_id = ? AND ts > ? AND ts <= ? ORDER BY ts
            """)
    }

    /// The samples of series `id` with `after < timestamp <= through`, ascending.
    func samples(of id: Int64, after: Timestamp, through: Timestamp) throws -> [Sample] {
        var samples: [Sample] = []
        try read(id, after: after, through: through, into: &samples)
        return samples
    }

    /// Appends the samples of series `id` with `after < timestamp <= through` to `samples`, ascending.
    func read(_ id: Int64, after: Timestamp, through: Timestamp, into samples: inout [Sample]) throws {
        try forEach(id, after: after, through: through) { time, value in
            samples.append(Sample(timestamp: Timestamp(milliseconds: time), value: value))
        }
    }

    /// Calls `body` with the time (milliseconds) and value of each sample of series `id` with
    /// `after < timestamp <= through`, ascending.
    func forEach(_ id: Int64, after: Timestamp, through: Timestamp, _ body: (Int64, Double) throws -> Void) throws {
        let handle = statement.sqliteStatement
        defer {
            sqlite3_reset(handle)
            sqlite3_clear_bindings(handle)
        }
        var code = sqlite3_bind_int64(handle, 1, id)
        code |= sqlite3_bind_int64(handle, 2, after.milliseconds)
        code |= sqlite3_bind_int64(handle, 3, through.milliseconds)
        guard code == SQLITE_OK else {
            throw DatabaseError(
                resultCode: ResultCode(rawValue: code), message: "cannot bind a range", sql: statement.sql)
        }
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else {
                throw DatabaseError(
                    resultCode: ResultCode(rawValue: code), message: db.lastErrorMessage, sql: statement.sql)
            }
            try body(sqlite3_column_int64(handle, 0), sqlite3_column_double(handle, 1))
        }
    }
}
