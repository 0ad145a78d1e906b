internal import GRDB
internal import GRDBSQLite
import GoalWatchCore

/// Upserts samples through cached prepared statements bound via the raw SQLite handle.
///
/// This is the hot path of ingest (millions of rows a snapshot): rows are collected in a fixed
/// buffer and go in `rowsPerStatement` at a time through one cached multi-row `INSERT`, bound
/// straight from memory, so no row allocates, builds SQL, or goes through GRDB's argument
/// boxing. `ON CONFLICT … DO UPDATE` makes the last write win over a stored sample. Each row's day
/// (see ``SampleDay``) is derived from its timestamp here.
///
/// Call ``finish()`` after the last ``insert(seriesID:_:)``; rows still buffered are written then.
struct SampleInserter {
    /// Rows per multi-row statement: one step then costs little next to its rows, and the
    /// statement's 4 parameters a row stay far below SQLite's limit of 32766.
    static let rowsPerStatement = 256

    private struct Row {
        var seriesID: Int64
        var sample: Sample
    }

    private let many: Statement
    private let one: Statement
    private var pending: [Row] = []

    init(_ db: Database) throws {
        many = try db.cachedStatement(sql: Self.upsertSQL(rows: Self.rowsPerStatement))
        one = try db.cachedStatement(sql: Self.upsertSQL(rows: 1))
        pending.reserveCapacity(Self.rowsPerStatement)
    }

    /// Queues one sample of series `seriesID`; writes the queue when it holds a statement's worth.
    mutating func insert(seriesID: Int64, _ sample: Sample) throws {
        pending.append(Row(seriesID: seriesID, sample: sample))
        if pending.count == Self.rowsPerStatement {
            try execute(many, rows: pending[...])
            pending.removeAll(keepingCapacity: true)
        }
    }

    /// Writes the samples still queued.
    mutating func finish() throws {
        for index in pending.indices {
            try execute(one, rows: pending[index...index])
        }
        pending.removeAll(keepingCapacity: true)
    }

    private func execute(_ statement: Statement, rows: ArraySlice<Row>) throws {
        let handle = statement.sqliteStatement
        var code: Int32 = SQLITE_OK
        var parameter: Int32 = 1
        for row in rows {
            let time = row.sample.timestamp.milliseconds
            // SQLITE_OK is 0: OR-ing keeps any failure for one check.
            code |= sqlite3_bind_int64(handle, parameter, SampleDay.of(time))
            code |= sqlite3_bind_int64(handle, parameter + 1, row.seriesID)
            code |= sqlite3_bind_int64(handle, parameter + 2, time)
            code |= sqlite3_bind_double(handle, parameter + 3, row.sample.value)
            parameter += 4
        }
        if code == SQLITE_OK {
            code = sqlite3_step(handle)
        }
        // The error takes SQLite's message before reset, which may replace it.
        let failure = code == SQLITE_DONE ? nil : statement.failure(code)
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        if let failure { throw failure }
    }

    private static func upsertSQL(rows: Int) -> String {
        let values = Array(repeating: "(?, ?, ?, ?)", count: rows).joined(separator: ", ")
        // The WHERE clause skips rewriting a row whose value is unchanged.
        return "INSERT INTO samples (day, series_id, ts, value) VALUES \(values) "
            + "ON CONFLICT (day, series_id, ts) DO UPDATE SET value = excluded.value "
            + "WHERE samples.value IS NOT excluded.value"
    }
}
