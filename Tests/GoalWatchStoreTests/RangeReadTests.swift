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

    @Test("reading several spans in one transaction matches reading each alone, spans in order")
    func spansReadInOrder() throws {
        let spans = [SampleSpan(id: ids[1], after: at(15), through: at(85)), SampleSpan(id: 9_999, after: at(0), through: at(100)),
                     SampleSpan(id: ids[0], after: at(50), through: at(50)), SampleSpan(id: ids[0], after: at(40), through: at(60))]
        var read: [(Int, Int64, Double)] = []
        try store.forEachSample(in: spans) { read.append(($0, $1, $2)) }
        let expected = try spans.enumerated().flatMap { position, span in
            try store.samples(of: span.id, after: span.after, through: span.through).map { (position, $0.timestamp.milliseconds, $0.value) }
        }
        #expect(read.map(\.0) == expected.map(\.0))
        #expect(read.map(\.1) == expected.map(\.1))
        #expect(read.map(\.2) == expected.map(\.2))
        #expect(Set(read.map(\.0)) == [0, 3], "the unknown series and the empty range give nothing")
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
