internal import GRDB
import GoalWatchCore

extension MetricStore {
    /// Asked for at least 1/summaryScanShare of the stored series, ``summaries(of:)`` makes one pass over
    /// every sample, which then costs less than seeking each series' days.
    static let summaryScanShare = 16

    /// The stored series with metric name `name`, or all series when `name` is `nil`, by id.
    ///
    /// - Throws: ``StoreError``, also when a stored label set cannot be decoded (a damaged file).
    public func series(named name: String?) throws -> [StoredSeries] {
        let rows = try perform("cannot list series") {
            try pool.read { db in
                if let name {
                    return try SeriesRow.fetchAll(db, sql: "SELECT * FROM series WHERE name = ? ORDER BY id", arguments: [name])
                }
                return try SeriesRow.fetchAll(db, sql: "SELECT * FROM series ORDER BY id")
            }
        }
        return try rows.map { row in
            guard let labels = LabelsEncoding.decode(row.labels) else {
                throw StoreError(
                    path: path, message: "series \(row.id) has malformed labels \(String(reflecting: row.labels))")
            }
            return StoredSeries(
                id: row.id, labels: labels, source: row.source, lookback: row.lookbackMs.map(TimeSpan.init(milliseconds:)))
        }
    }

    /// Sample count, first and last timestamp and last value of each series in `ids` that has samples.
    ///
    /// Ids without samples (or unknown) are absent from the result. Reads one consistent snapshot.
    public func summaries(of ids: [Int64]) throws -> [Int64: SeriesSummary] {
        try perform("cannot summarise series") {
            try pool.read { db in
                let reader = try SampleReader(db)
                // A few series: a seek per series and day. Many: one pass over every day.
                let stored = try Int.fetchOne(db, sql: "SELECT count(*) FROM series") ?? 0
                if ids.count * Self.summaryScanShare >= stored {
                    return try reader.summaries(of: Set(ids))
                }
                var summaries: [Int64: SeriesSummary] = [:]
                for id in ids {
                    summaries[id] = try reader.summary(of: id)
                }
                return summaries
            }
        }
    }

    /// The samples of series `id` with `after < timestamp <= through` (left-open), ascending by time.
    ///
    /// Empty for an unknown id.
    public func samples(of id: Int64, after: Timestamp, through: Timestamp) throws -> [Sample] {
        try perform("cannot read samples of series \(id)") {
            try pool.read { db in try SampleReader(db).samples(of: id, after: after, through: through) }
        }
    }

    /// Calls `body` with each span's position in `spans` and each of its samples (time in milliseconds,
    /// value), ascending within a span, spans in order. All spans are read in one transaction, from one
    /// consistent snapshot: thousands of short reads cost one transaction, not thousands.
    public func forEachSample(in spans: [SampleSpan], _ body: (Int, Int64, Double) -> Void) throws {
        try perform("cannot read samples") {
            try pool.read { db in
                let reader = try SampleReader(db)
                for (position, span) in spans.enumerated() {
                    try reader.forEach(span.id, after: span.after, through: span.through) { time, value in body(position, time, value) }
                }
            }
        }
    }
}

/// One stored series' samples in a time range: those with `after < timestamp <= through`.
public struct SampleSpan: Sendable {
    /// The series' id in the store.
    public var id: Int64
    /// The range's exclusive start.
    public var after: Timestamp
    /// The range's inclusive end.
    public var through: Timestamp

    /// A range of series `id`'s samples.
    public init(id: Int64, after: Timestamp, through: Timestamp) {
        self.id = id
        self.after = after
        self.through = through
    }
}
