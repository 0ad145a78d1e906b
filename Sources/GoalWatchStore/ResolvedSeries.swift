internal import GRDB
internal import GRDBSQLite
import GoalWatchCore

/// The ids of one batch's series, found or inserted in the store.
///
/// One indexed lookup per distinct series, never one per sample. The batch's source and lookback
/// replace what a series had recorded (the newest snapshot wins); `nil` means "not stated" and
/// keeps the recorded value.
struct ResolvedSeries {
    /// For each series of the batch, its id; 0 for a series without samples, which is not stored.
    var ids: [Int64] = []
    /// For each series of the batch, the time (milliseconds) of its newest stored sample; `nil` for a
    /// series this batch inserted, which has none.
    var newestStored: [Int64?] = []
    /// How many series were inserted.
    var created = 0

    init(
        series: [Labels], encoded: [String], ordered: OrderedSamples, source: String?, lookback: TimeSpan?,
        in db: Database
    ) throws {
        let lookup = try db.cachedStatement(sql: "SELECT id, source, lookback_ms, last_ms FROM series WHERE labels = ?")
        let insert = try db.cachedStatement(
            sql: "INSERT INTO series (name, labels, source, lookback_ms) VALUES (?, ?, ?, ?)")
        let update = try db.cachedStatement(sql: "UPDATE series SET source = ?, lookback_ms = ? WHERE id = ?")
        let lookbackMs = lookback?.milliseconds

        ids.reserveCapacity(series.count)
        newestStored.reserveCapacity(series.count)
        for (index, labels) in series.enumerated() {
            guard !ordered.runs[index].isEmpty else {
                ids.append(0)
                newestStored.append(nil)
                continue
            }
            let found = try lookup.firstRow(text: encoded[index]) { row in
                (id: sqlite3_column_int64(row, 0), source: RawColumn.optionalText(row, 1),
                 lookback: RawColumn.optionalInt64(row, 2), newest: RawColumn.optionalInt64(row, 3))
            }
            if let found {
                let id = found.id
                let recordedSource = found.source
                let recordedLookback = found.lookback
                let newSource = source ?? recordedSource
                let newLookback = lookbackMs ?? recordedLookback
                if newSource != recordedSource || newLookback != recordedLookback {
                    try update.execute(arguments: [newSource, newLookback, id])
                }
                ids.append(id)
                newestStored.append(found.newest)
            } else {
                try insert.execute(arguments: [labels.metricName ?? "", encoded[index], source, lookbackMs])
                ids.append(db.lastInsertedRowID)
                newestStored.append(nil)
                created += 1
            }
        }
    }
}
