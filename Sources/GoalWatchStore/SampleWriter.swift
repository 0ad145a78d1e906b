internal import GRDB
internal import GRDBSQLite
import GoalWatchCore

/// Writes a batch's samples with prepared statements bound through the raw SQLite handle.
///
/// This is the hot path of ingest (millions of rows a snapshot): rows go in `rowsPerStatement` at a
/// time through one cached multi-row `INSERT`, bound straight from the batch's columns, so no
/// row allocates, builds SQL, or goes through GRDB's argument boxing. `ON CONFLICT … DO UPDATE`
/// makes the last write win over samples already stored.
enum SampleWriter {
    /// Rows per multi-row statement: enough to amortise a statement's step, few enough that its
    /// 3 parameters a row stay far below SQLite's variable limit.
    static let rowsPerStatement = 64

    /// Writes the samples of `batch` in `order`, series by ascending id; returns the rows written.
    static func write(
        _ batch: SampleBatch, order: SampleOrder, seriesIDs: [Int64], in db: Database
    ) throws -> Int {
        guard order.count > 0 else { return 0 }
        let many = try db.cachedStatement(sql: insertSQL(rows: rowsPerStatement))
        let one = try db.cachedStatement(sql: insertSQL(rows: 1))
        defer {
            for statement in [many, one] {
                sqlite3_reset(statement.sqliteStatement)
                sqlite3_clear_bindings(statement.sqliteStatement)
            }
        }
        // Ascending series ids append new series at the end of the table.
        let seriesInIDOrder = order.runs.indices
            .filter { !order.runs[$0].isEmpty }
            .sorted { seriesIDs[$0] < seriesIDs[$1] }

        var statement = order.count >= rowsPerStatement ? many : one
        var rowsPerStep: Int32 = order.count >= rowsPerStatement ? Int32(rowsPerStatement) : 1
        var slot: Int32 = 0
        var written = 0
        var bindFailures: Int32 = 0
        try batch.timestamps.withUnsafeBufferPointer { timestamps in
            try batch.values.withUnsafeBufferPointer { values in
                try order.indices.withUnsafeBufferPointer { indices in
                    for series in seriesInIDOrder {
                        let id = seriesIDs[series]
                        for position in order.runs[series] {
                            let sample = Int(indices[position])
                            let handle = statement.sqliteStatement
                            let first = slot * 3 + 1
                            // SQLITE_OK is 0: OR-ing keeps any failure for one check per step.
                            bindFailures |= sqlite3_bind_int64(handle, first, id)
                            bindFailures |= sqlite3_bind_int64(handle, first + 1, timestamps[sample])
                            bindFailures |= sqlite3_bind_double(handle, first + 2, values[sample])
                            slot += 1
                            guard slot == rowsPerStep else { continue }
                            try step(statement, bindFailures: bindFailures, in: db)
                            written += Int(rowsPerStep)
                            slot = 0
                            if order.count - written < Int(rowsPerStep) {
                                statement = one
                                rowsPerStep = 1
                            }
                        }
                    }
                }
            }
        }
        return written
    }

    private static func step(_ statement: Statement, bindFailures: Int32, in db: Database) throws {
        let handle = statement.sqliteStatement
        guard bindFailures == SQLITE_OK else {
            throw DatabaseError(
                resultCode: ResultCode(rawValue: bindFailures), message: "cannot bind a sample",
                sql: statement.sql)
        }
        let code = sqlite3_step(handle)
        guard code == SQLITE_DONE else {
            let message = db.lastErrorMessage
            sqlite3_reset(handle)
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
        }
        sqlite3_reset(handle)
    }

    private static func insertSQL(rows: Int) -> String {
        let values = Array(repeating: "(?, ?, ?)", count: rows).joined(separator: ", ")
        return "INSERT INTO samples (series_id, ts, value) VALUES \(values) "
            + "ON CONFLICT (series_id, ts) DO UPDATE SET value = excluded.value"
    }
}
