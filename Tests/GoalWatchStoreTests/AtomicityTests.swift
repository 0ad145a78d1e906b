import GoalWatchCore
import GoalWatchStore
import Testing

@Suite("All or nothing")
struct AtomicityTests {
    let directory: TemporaryDirectory
    let store: MetricStore

    init() throws {
        directory = try TemporaryDirectory()
        store = try MetricStore(path: directory.path("history.sqlite"))
    }

    /// 300 samples of 3 series whose very last row (in write order) is `lastValue`.
    private func batchEndingWith(_ lastValue: Double) -> SampleBatch {
        var samples: [(Labels, Int64, Double)] = []
        for account in ["a", "b", "c"] {
            for hour in 0..<100 {
                samples.append((series("followers", ["account": account]), Int64(hour), Double(hour)))
            }
        }
        samples[samples.count - 1].2 = lastValue
        return batch(samples)
    }

    @Test("a batch whose last sample SQLite rejects leaves no sample and no series behind")
    func rejectedValueLeavesNothing() throws {
        #expect(throws: StoreError.self) {
            try store.apply(batchEndingWith(.nan), source: "csv", lookback: nil, ledger: ledgerRecord(path: "/in/a.csv"))
        }
        #expect(try store.series(named: nil).isEmpty)
        #expect(try store.ledgerRecord(path: "/in/a.csv") == nil)
    }

    @Test("a batch with a malformed ledger record leaves no sample and no series behind")
    func malformedLedgerLeavesNothing() throws {
        var ledger = ledgerRecord(path: "/in/a.csv")
        ledger.contentHash = "not a sha-256"
        let error = try #require(throws: StoreError.self) {
            try store.apply(batchEndingWith(1), source: "csv", lookback: nil, ledger: ledger)
        }
        #expect(error.description.contains(directory.path("history.sqlite")))
        #expect(try store.series(named: nil).isEmpty)
        #expect(try store.ledgerRecord(path: "/in/a.csv") == nil)
    }

    @Test("a failed apply leaves earlier samples, sources and lookbacks as they were")
    func failedApplyKeepsEarlierState() throws {
        let first = series("followers", ["account": "a"])
        try store.apply(batch([(first, 0, 7), (first, 1, 8)]), source: "old", lookback: .hours(1), ledger: nil)

        #expect(throws: StoreError.self) {
            try store.apply(batchEndingWith(.nan), source: "new", lookback: .days(1), ledger: nil)
        }
        let stored = try store.series(named: "followers")
        #expect(stored.count == 1)
        let only = try #require(stored.first)
        #expect(only.source == "old")
        #expect(only.lookback == .hours(1))
        #expect(try store.allSamples(of: only.id) == [Sample(0, 7), Sample(1, 8)])
    }

    @Test("a batch whose sample names a series it does not have is refused and leaves nothing behind")
    func inconsistentBatchIsRefused() throws {
        var inconsistent = batch([(series("followers"), 1, 1)])
        inconsistent.append(series: 7, timestamp: 2, value: 2)

        let error = try #require(throws: StoreError.self) {
            try store.apply(inconsistent, source: nil, lookback: nil, ledger: nil)
        }
        #expect(error.description.contains("series 7"))
        #expect(try store.series(named: nil).isEmpty)
    }
}
