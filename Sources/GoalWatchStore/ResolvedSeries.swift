internal import GRDB
import GoalWatchCore

/// The ids of one batch's series, found or inserted in the store.
///
/// One indexed lookup per distinct series, never one per sample. The batch's source and lookback
/// replace what a series had recorded (the newest snapshot wins); `nil` means "not stated" and
/// keeps the recorded value.
struct ResolvedSeries {
    /// For each series of the batch, its id; 0 for a series without samples, which is not stored.
    var ids: [Int64] = []
    /// For each series of the batch, whether this batch inserted it (so it has no stored samples).
    var isNew: [Bool] = []
    /// How many series were inserted.
    var created = 0

    init(
        series: [Labels], encoded: [String], ordered: OrderedSamples, source: String?, lookback: TimeSpan?,
        in db: Database
    ) throws {
        let lookup = try db.cachedStatement(sql: "SELECT id, source, lookback_ms FROM series WHERE labels = ?")
        let insert = try db.cachedStatement(
            sql: "INSERT INTO series (name, labels, source, lookback_ms) VALUES (?, ?, ?, ?)")
        let update = try db.cachedStatement(sql: "UPDATE series SET source = ?, lookback_ms = ? WHERE id = ?")
        let lookbackMs = lookback?.milliseconds

        ids.reserveCapacity(series.count)
        isNew.reserveCapacity(series.count)
        for (index, labels) in series.enumerated() {
            guard !ordered.runs[index].isEmpty else {
                ids.append(0)
                isNew.append(false)
                continue
            }
            if let row = try Row.fetchOne(lookup, arguments: [encoded[index]]) {
                let id: Int64 = row[0]
                let recordedSource: String? = row[1]
                let recordedLookback: Int64? = row[2]
                let newSource = source ?? recordedSource
                let newLookback = lookbackMs ?? recordedLookback
                if newSource != recordedSource || newLookback != recordedLookback {
                    try update.execute(arguments: [newSource, newLookback, id])
                }
                ids.append(id)
                isNew.append(false)
            } else {
                try insert.execute(arguments: [labels.metricName ?? "", encoded[index], source, lookbackMs])
                ids.append(db.lastInsertedRowID)
                isNew.append(true)
                created += 1
            }
        }
    }
}
