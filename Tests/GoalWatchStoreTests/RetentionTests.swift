import GoalWatchCore
import GoalWatchStore
import GRDB
import Testing

@Suite("Retention")
struct RetentionTests {
    let directory: TemporaryDirectory
    let store: MetricStore

    init() throws {
        directory = try TemporaryDirectory()
        store = try MetricStore(path: directory.path("history.sqlite"))
    }

    @Test("deleting before a cutoff removes older samples and the series left empty")
    func retentionDeletesOldSamplesAndEmptySeries() throws {
        let old = series("followers", ["account": "gone"])
        let current = series("followers", ["account": "kept"])
        try store.apply(
            batch([(old, 1, 1), (old, 2, 2), (current, 1, 10), (current, 3, 30), (current, 4, 40)]),
            source: nil, lookback: nil, ledger: nil)

        let deleted = try store.deleteSamples(before: Timestamp(milliseconds: 3))

        #expect(deleted == RetentionOutcome(samples: 3, series: 1))
        let remaining = try store.series(named: nil)
        #expect(remaining.map(\.labels) == [current])
        let id = try #require(remaining.first?.id)
        #expect(try store.allSamples(of: id) == [Sample(3, 30), Sample(4, 40)])
        let orphans = try DatabaseQueue(path: directory.path("history.sqlite")).read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM samples WHERE series_id NOT IN (SELECT id FROM series)")
        }
        #expect(orphans == 0)
        #expect(
            try store.summaries(of: [id])[id]
                == SeriesSummary(sampleCount: 2, first: Timestamp(milliseconds: 3), last: Timestamp(milliseconds: 4), lastValue: 40))
    }

    @Test("a pass deletes the days before the cutoff's, one transaction each, and the older part of its own day")
    func retentionCoversEveryDayAcrossTransactions() throws {
        let day: Int64 = 86_400_000
        let hour: Int64 = 3_600_000
        // 300 series, each with a sample at noon of days 0 and 1 and at 00:00 and 18:00 of day 2.
        var samples: [(Labels, Int64, Double)] = []
        for index in 0..<300 {
            let labels = series("followers", ["account": "a\(index)"])
            samples += [(labels, 12 * hour, 1), (labels, day + 12 * hour, 2), (labels, 2 * day, 3), (labels, 2 * day + 18 * hour, 4)]
        }
        try store.apply(batch(samples), source: nil, lookback: nil, ledger: nil)

        let deleted = try store.deleteSamples(before: Timestamp(milliseconds: 2 * day + 12 * hour))

        #expect(deleted == RetentionOutcome(samples: 900, series: 0))
        let stored = try store.series(named: "followers")
        let summaries = try store.summaries(of: stored.map(\.id))
        #expect(summaries.count == 300)
        #expect(summaries.values.allSatisfy { $0.sampleCount == 1 && $0.first == Timestamp(milliseconds: 2 * day + 18 * hour) })
        let listedDays = try DatabaseQueue(path: directory.path("history.sqlite")).read { db in
            try Int64.fetchAll(db, sql: "SELECT day FROM sample_day ORDER BY day")
        }
        #expect(listedDays == [2])
    }

    @Test("a series removed by retention is created anew when it comes back")
    func removedSeriesComesBack() throws {
        let followers = series("followers")
        try store.apply(batch([(followers, 1, 1)]), source: nil, lookback: nil, ledger: nil)
        try store.deleteSamples(before: Timestamp(milliseconds: 10))

        let outcome = try store.apply(batch([(followers, 20, 2)]), source: nil, lookback: nil, ledger: nil)
        #expect(outcome.seriesCreated == 1)
        let stored = try #require(try store.onlySeries(named: "followers"))
        #expect(try store.allSamples(of: stored.id) == [Sample(20, 2)])
    }
}
