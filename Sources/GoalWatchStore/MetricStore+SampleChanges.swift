internal import GRDB
import GoalWatchCore

/// Samples written to one series by one snapshot: the span a reader holding history in memory must
/// read again.
public struct SampleChange: Sendable, Hashable {
    /// The series written to.
    public var series: StoredSeries
    /// The earliest sample time written.
    public var first: Timestamp
    /// The latest sample time written.
    public var last: Timestamp

    public init(series: StoredSeries, first: Timestamp, last: Timestamp) {
        self.series = series
        self.first = first
        self.last = last
    }
}

/// The sample changes after a cursor, and the cursor to ask from next time.
public struct SampleChanges: Sendable {
    /// The changes, oldest first; a series may appear more than once.
    public var changes: [SampleChange]
    /// The position after the last change returned.
    public var cursor: Int64
}

extension MetricStore {
    /// The position after the newest sample change: ``sampleChanges(after:)`` from here returns only
    /// what is written later.
    public func sampleChangeCursor() throws -> Int64 {
        try perform("cannot read the sample changes") {
            try pool.read { db in try Int64.fetchOne(db, sql: "SELECT max(seq) FROM sample_change") ?? 0 }
        }
    }

    /// Every series and span that snapshots wrote samples to after `cursor`, by any process.
    ///
    /// - Returns: `nil` when changes after `cursor` were already pruned (see
    ///   ``SampleWriter/retainedChanges``): the reader must load what it holds again.
    public func sampleChanges(after cursor: Int64) throws -> SampleChanges? {
        let read = try perform("cannot read the sample changes") {
            // One read transaction: the rows and the new cursor come from the same snapshot.
            try pool.read { db -> (rows: [Row], newest: Int64)? in
                let bounds = try Row.fetchOne(db, sql: "SELECT min(seq), max(seq) FROM sample_change")
                let oldest: Int64? = bounds?[0]
                guard let newest: Int64 = bounds?[1] else { return ([], cursor) }
                if let oldest, oldest > cursor + 1 { return nil }
                // Rows of series deleted since (retention) drop out of the join; the cursor still passes them.
                let rows = try Row.fetchAll(db, sql: """
                    SELECT c.first_ms, c.last_ms, s.id, s.labels, s.source, s.lookback_ms
                    FROM sample_change c JOIN series s ON s.id = c.series_id
                    WHERE c.seq > ? AND c.seq <= ? ORDER BY c.seq
                    """, arguments: [cursor, newest])
                return (rows, max(newest, cursor))
            }
        }
        guard let read else { return nil }
        var changes: [SampleChange] = []
        changes.reserveCapacity(read.rows.count)
        for row in read.rows {
            let text: String = row[3]
            guard let labels = LabelsEncoding.decode(text) else {
                throw StoreError(path: path, message: "series \(row[2] as Int64) has malformed labels \(String(reflecting: text))")
            }
            let lookback: Int64? = row[5]
            changes.append(SampleChange(
                series: StoredSeries(id: row[2], labels: labels, source: row[4], lookback: lookback.map(TimeSpan.init(milliseconds:))),
                first: Timestamp(milliseconds: row[0]), last: Timestamp(milliseconds: row[1])))
        }
        return SampleChanges(changes: changes, cursor: read.newest)
    }
}
