internal import GRDB
internal import GRDBSQLite
import GoalWatchCore

/// Reads one series' samples in a time range through the raw SQLite handle of a cached statement.
///
/// Range reads feed the evaluator's reloads (90 days × thousands of series) and the merge of each
/// snapshot with what is stored, so rows are read column by column straight into `Sample`s, with
/// no per-row `Row` or argument boxing. Samples are clustered by day (see ``SampleDay``): a range is
/// one seek per day that holds samples, days ascending, each a sequential scan of the series' rows.
struct SampleReader {
    private let db: Database
    private let oneDay: Statement
    /// The days that hold samples, ascending, as the reader's transaction saw them when it was made.
    private let days: [Int64]

    init(_ db: Database) throws {
        self.db = db
        oneDay = try db.cachedStatement(sql: """
            SELECT ts, value FROM samples WHERE day = ? AND series_id = ? AND ts >= ? AND ts <= ? ORDER BY ts
            """)
        days = try Int64.fetchAll(db, sql: "SELECT day FROM sample_day ORDER BY day")
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

    /// Appends the samples of series `id` on `day` with `from <= timestamp <= through` to `samples`,
    /// ascending. Reads the day whether or not the reader's list of days names it.
    func read(_ id: Int64, day: Int64, from: Timestamp, through: Timestamp, into samples: inout [Sample]) throws {
        try forEach(id, day: day, from: from.milliseconds, through: through.milliseconds) { time, value in
            samples.append(Sample(timestamp: Timestamp(milliseconds: time), value: value))
        }
    }

    /// Calls `body` with the time (milliseconds) and value of each sample of series `id` with
    /// `after < timestamp <= through`, ascending.
    func forEach(_ id: Int64, after: Timestamp, through: Timestamp, _ body: (Int64, Double) throws -> Void) throws {
        guard after < through else { return }
        // `after < through` keeps `after + 1` in range.
        let from = after.milliseconds + 1
        let last = SampleDay.of(through.milliseconds)
        var index = firstDayIndex(notBefore: SampleDay.of(from))
        while index < days.count, days[index] <= last {
            try forEach(id, day: days[index], from: from, through: through.milliseconds, body)
            index += 1
        }
    }

    /// Count, first and last time and last value of the samples of series `id`; `nil` without samples.
    func summary(of id: Int64) throws -> SeriesSummary? {
        var count = 0
        var first: Int64 = 0
        var last: (time: Int64, value: Double) = (0, 0)
        for day in days {
            try forEach(id, day: day, from: Int64.min, through: Int64.max) { time, value in
                if count == 0 { first = time }
                count += 1
                last = (time, value)
            }
        }
        guard count > 0 else { return nil }
        return SeriesSummary(
            sampleCount: count, first: Timestamp(milliseconds: first), last: Timestamp(milliseconds: last.time),
            lastValue: last.value)
    }

    /// ``summary(of:)`` of many series at once: one pass over every day, counted by SQLite in key order,
    /// then a seek for each series' first sample and one for its last. Reads every sample, as counting
    /// must, but with a seek per day rather than per series and day.
    func summaries(of ids: Set<Int64>) throws -> [Int64: SeriesSummary] {
        var found: [Int64: (count: Int, firstDay: Int64, lastDay: Int64)] = [:]
        let perDay = try db.cachedStatement(sql: "SELECT series_id, count(*) FROM samples WHERE day = ? GROUP BY series_id")
        for day in days {
            let rows = try Row.fetchCursor(perDay, arguments: [day])
            while let row = try rows.next() {
                let id: Int64 = row[0]
                guard ids.contains(id) else { continue }
                let count: Int = row[1]
                found[id] = found[id].map { ($0.count + count, $0.firstDay, day) } ?? (count, day, day)
            }
        }
        let first = try db.cachedStatement(sql: "SELECT ts FROM samples WHERE day = ? AND series_id = ? ORDER BY ts LIMIT 1")
        let last = try db.cachedStatement(sql: "SELECT ts, value FROM samples WHERE day = ? AND series_id = ? ORDER BY ts DESC LIMIT 1")
        var summaries: [Int64: SeriesSummary] = [:]
        summaries.reserveCapacity(found.count)
        for (id, span) in found {
            guard let firstTime = try Int64.fetchOne(first, arguments: [span.firstDay, id]),
                let lastRow = try Row.fetchOne(last, arguments: [span.lastDay, id])
            else { continue }
            summaries[id] = SeriesSummary(
                sampleCount: span.count, first: Timestamp(milliseconds: firstTime), last: Timestamp(milliseconds: lastRow[0]),
                lastValue: lastRow[1])
        }
        return summaries
    }

    /// The position in ``days`` of the first day on or after `day`.
    private func firstDayIndex(notBefore day: Int64) -> Int {
        var low = 0
        var high = days.count
        while low < high {
            let middle = (low + high) / 2
            if days[middle] < day { low = middle + 1 } else { high = middle }
        }
        return low
    }

    private func forEach(
        _ id: Int64, day: Int64, from: Int64, through: Int64, _ body: (Int64, Double) throws -> Void
    ) throws {
        let handle = oneDay.sqliteStatement
        defer {
            sqlite3_reset(handle)
            sqlite3_clear_bindings(handle)
        }
        var code = sqlite3_bind_int64(handle, 1, day)
        code |= sqlite3_bind_int64(handle, 2, id)
        code |= sqlite3_bind_int64(handle, 3, from)
        code |= sqlite3_bind_int64(handle, 4, through)
        guard code == SQLITE_OK else { throw oneDay.failure(code, message: "cannot bind a range") }
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else { throw oneDay.failure(code) }
            try body(sqlite3_column_int64(handle, 0), sqlite3_column_double(handle, 1))
        }
    }
}
