import GoalWatchCore
@testable import GoalWatchStore
import GRDB
import Testing

/// Samples are clustered by UTC day: reads and writes that cross days, days before 1970, and the
/// migration of a store written with samples clustered by series.
@Suite("Samples clustered by day")
struct DayLayoutTests {
    static let day: Int64 = 86_400_000
    let directory: TemporaryDirectory
    let path: String

    init() throws {
        directory = try TemporaryDirectory()
        path = directory.path("history.sqlite")
    }

    private func at(_ milliseconds: Int64) -> Timestamp { Timestamp(milliseconds: milliseconds) }

    private func listedDays() throws -> [Int64] {
        try DatabaseQueue(path: path).read { db in try Int64.fetchAll(db, sql: "SELECT day FROM sample_day ORDER BY day") }
    }

    @Test("a day is the floor of the time over 24 h, before 1970 too")
    func dayIsTheFloor() {
        let day = Self.day
        #expect(SampleDay.of(0) == 0)
        #expect(SampleDay.of(day - 1) == 0)
        #expect(SampleDay.of(day) == 1)
        #expect(SampleDay.of(-1) == -1)
        #expect(SampleDay.of(-day) == -1)
        #expect(SampleDay.of(-day - 1) == -2)
        #expect(SampleDay.of(.min) == Int64.min / day - 1)
        #expect(SampleDay.of(.max) == Int64.max / day)
    }

    @Test("SQL's day of a time agrees with SampleDay at the edges")
    func sqlDayAgrees() throws {
        let times: [Int64] = [0, 1, Self.day - 1, Self.day, -1, -Self.day, -Self.day - 1, .min, .max, .min + 1]
        let days = try DatabaseQueue().read { db in
            try times.map { time in
                try Int64.fetchOne(db, sql: "SELECT \(Schema.dayOfTimestamp("?1"))", arguments: [time])!
            }
        }
        #expect(days == times.map(SampleDay.of))
    }

    @Test("ranges across days, before and after 1970, read in time order; merging spans days")
    func rangesAcrossDays() throws {
        let day = Self.day
        let store = try MetricStore(path: path)
        let leads = series("leads")
        // Days -2, -1, 0, 1 and 3 (none on day 2), given out of order.
        let times: [Int64] = [3 * day + 5, -day - 1, -1, 0, day - 1, day, -day]
        try store.apply(batch(times.map { (leads, $0, Double($0)) }), source: nil, lookback: nil, ledger: nil)
        let id = try #require(try store.onlySeries(named: "leads")).id

        #expect(try store.allSamples(of: id).map(\.timestamp.milliseconds) == times.sorted())
        #expect(try store.samples(of: id, after: at(-day - 1), through: at(day)).map(\.timestamp.milliseconds) == [-day, -1, 0, day - 1, day])
        #expect(try store.samples(of: id, after: at(day), through: at(3 * day + 4)).isEmpty)
        #expect(try listedDays() == [-2, -1, 0, 1, 3])
        #expect(try store.summaries(of: [id])[id]
                == SeriesSummary(sampleCount: 7, first: at(-day - 1), last: at(3 * day + 5), lastValue: Double(3 * day + 5)))

        // A second snapshot repeats days -1 and 1 (one value changed on each) and adds day 2.
        let outcome = try store.apply(
            batch([(leads, -day, Double(-day)), (leads, -1, 42), (leads, day - 1, Double(day - 1)), (leads, day, 43), (leads, 2 * day, 44)]),
            source: nil, lookback: nil, ledger: nil)

        #expect(outcome.samplesWritten == 3)
        #expect(outcome.samplesUnchanged == 2)
        let values = try store.allSamples(of: id).map(\.value)
        #expect(values == [Double(-day - 1), Double(-day), 42, 0, Double(day - 1), 43, 44, Double(3 * day + 5)])
        #expect(try listedDays() == [-2, -1, 0, 1, 2, 3])
    }

    @Test("summaries of a few series (a seek per day) and of many (a pass over every day) agree")
    func summariesAgree() throws {
        let day = Self.day
        let store = try MetricStore(path: path)
        var samples: [(Labels, Int64, Double)] = []
        for account in 0..<40 {
            let labels = series("leads", ["account": "\(account)"])
            // Series `account` has samples on days -1 through account % 5, the last one with value `account`.
            for offset in -1...Int64(account % 5) {
                samples.append((labels, offset * day + Int64(account), Double(offset) + 0.5))
                samples.append((labels, offset * day + 3_600_000, offset == Int64(account % 5) ? Double(account) : 7))
            }
        }
        try store.apply(batch(samples), source: nil, lookback: nil, ledger: nil)
        let ids = try store.series(named: "leads").map(\.id)

        let all = try store.summaries(of: ids)
        let oneByOne = try ids.map { id in try store.summaries(of: [id])[id] }

        #expect(all.count == 40)
        #expect(ids.map { all[$0] } == oneByOne)
        let last = try #require(all[ids[12]])
        #expect(last == SeriesSummary(sampleCount: 8, first: at(-day + 12), last: at(2 * day + 3_600_000), lastValue: 12))
        #expect(try store.summaries(of: [9_999]).isEmpty)
    }

    @Test("a store whose samples are clustered by series is migrated: samples, days, newest samples and changes kept")
    func migratesTheSeriesClusteredLayout() throws {
        let day = Self.day
        // The schema as it was before samples were clustered by day, with two series on three days.
        let queue = try DatabaseQueue(path: path)
        try Schema.migrator.migrate(queue, upTo: "v4 sample changes")
        try queue.write { db in
            for (id, account) in [(1, "a"), (2, "b")] {
                try db.execute(
                    sql: "INSERT INTO series (id, name, labels) VALUES (?, 'followers', ?)",
                    arguments: [id, LabelsEncoding.encode(series("followers", ["account": account]))])
            }
            try db.execute(sql: """
                INSERT INTO samples (series_id, ts, value) VALUES
                    (1, -5, 1), (1, 10, 2), (1, \(day + 10), 3), (2, 20, 4), (2, \(3 * day), 5);
                INSERT INTO sample_change (seq, series_id, first_ms, last_ms) VALUES (7, 1, -5, \(day + 10)), (8, 2, 20, \(3 * day));
                """)
        }
        try queue.close()

        let store = try MetricStore(path: path)

        let stored = try store.series(named: "followers")
        #expect(stored.map(\.id) == [1, 2])
        #expect(try store.allSamples(of: 1) == [Sample(-5, 1), Sample(10, 2), Sample(day + 10, 3)])
        #expect(try store.allSamples(of: 2) == [Sample(20, 4), Sample(3 * day, 5)])
        #expect(try listedDays() == [-1, 0, 1, 3])
        let newest = try DatabaseQueue(path: path).read { db in
            try Int64.fetchAll(db, sql: "SELECT last_ms FROM series ORDER BY id")
        }
        #expect(newest == [day + 10, 3 * day])
        // The change log keeps its rows and goes on numbering after them.
        #expect(try store.sampleChangeCursor() == 8)
        #expect(try store.sampleChanges(after: 6)?.changes.map(\.series.id) == [1, 2])
        try store.apply(batch([(series("followers", ["account": "b"]), 4 * day, 6)]), source: nil, lookback: nil, ledger: nil)
        let changes = try #require(try store.sampleChanges(after: 8))
        #expect(changes.cursor == 9)
        #expect(changes.changes.map(\.first) == [at(4 * day)])
        // Retention finds the series it empties from the migrated newest samples.
        #expect(try store.deleteSamples(before: at(2 * day)) == RetentionOutcome(samples: 4, series: 1))
        #expect(try store.series(named: "followers").map(\.id) == [2])
    }
}
