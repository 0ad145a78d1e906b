import GoalWatchCore
import GoalWatchStore
import Testing

@Suite("Range reads and summaries")
struct RangeReadTests {
    let directory: TemporaryDirectory
    let store: MetricStore
    let ids: [Int64]

    init() throws {
        directory = try TemporaryDirectory()
        store = try MetricStore(path: directory.path("history.sqlite"))
        var samples: [(Labels, Int64, Double)] = []
        for account in 0..<3 {
            for time in stride(from: 100, through: 0, by: -10) {
                samples.append((series("leads", ["account": "\(account)"]), Int64(time), Double(account * 1_000 + time)))
            }
        }
        try store.apply(batch(samples), source: nil, lookback: nil, ledger: nil)
        ids = try store.series(named: "leads").map(\.id)
    }

    private func at(_ milliseconds: Int64) -> Timestamp { Timestamp(milliseconds: milliseconds) }

    @Test("a range excludes its start, includes its end, and is ascending")
    func rangeIsLeftOpenAndAscending() throws {
        let id = try #require(ids.first)
        let read = try store.samples(of: id, after: at(20), through: at(50))

        #expect(read.map(\.timestamp) == [at(30), at(40), at(50)])
        #expect(try store.samples(of: id, after: at(50), through: at(50)).isEmpty)
        #expect(try store.samples(of: id, after: at(100), through: at(1_000)).isEmpty)
    }

    @Test("reading several series matches reading each alone, with an entry for every id")
    func multiSeriesReadMatchesSingleReads() throws {
        let unknown: Int64 = 9_999
        let read = try store.samples(of: ids + [unknown], after: at(15), through: at(85))

        #expect(Set(read.keys) == Set(ids + [unknown]))
        for id in ids {
            #expect(read[id] == (try store.samples(of: id, after: at(15), through: at(85))))
            #expect(read[id]?.count == 7)
        }
        #expect(read[unknown] == [])
    }

    @Test("summaries give count, first and last timestamp and the last value")
    func summariesAreRight() throws {
        let stored = try store.series(named: "leads")
        let summaries = try store.summaries(of: stored.map(\.id) + [9_999])

        #expect(summaries.count == 3)
        for entry in stored {
            let account = try #require(entry.labels["account"].flatMap(Double.init))
            #expect(
                summaries[entry.id]
                    == SeriesSummary(sampleCount: 11, first: at(0), last: at(100), lastValue: account * 1_000 + 100))
        }
    }
}
