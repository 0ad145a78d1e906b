import GoalWatchCore
import GoalWatchStore
import GRDB
import Testing

@Suite("Readers and the writer")
struct ConcurrencyTests {
    let directory: TemporaryDirectory
    let path: String
    let store: MetricStore

    init() throws {
        directory = try TemporaryDirectory()
        path = directory.path("history.sqlite")
        store = try MetricStore(path: path)
    }

    @Test("an open read transaction neither blocks an apply nor sees it before it ends")
    func openReadKeepsItsSnapshot() throws {
        let followers = series("followers")
        try store.apply(batch([(followers, 1, 1)]), source: nil, lookback: nil, ledger: nil)
        let reader = try DatabasePool(path: path)

        let (before, during) = try reader.read { db in
            let before = try Int.fetchOne(db, sql: "SELECT count(*) FROM samples")
            // The apply commits while this read transaction is open.
            try store.apply(batch([(followers, 2, 2), (followers, 3, 3)]), source: nil, lookback: nil, ledger: nil)
            let during = try Int.fetchOne(db, sql: "SELECT count(*) FROM samples")
            return (before, during)
        }
        let after = try reader.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM samples") }

        #expect(before == 1)
        #expect(during == 1)
        #expect(after == 3)
    }

    @Test("reads running beside applies always see whole snapshots")
    func concurrentReadsSeeWholeSnapshots() async throws {
        // Every apply writes generation g to every series at the same timestamp, so a read that
        // saw part of an apply would find series disagreeing on their latest generation.
        let accounts = (0..<20).map { series("followers", ["account": "\($0)"]) }
        let generations = 30
        func snapshot(_ generation: Int) -> SampleBatch {
            batch(accounts.map { ($0, Int64(generation), Double(generation)) })
        }
        try store.apply(snapshot(0), source: nil, lookback: nil, ledger: nil)
        let ids = try store.series(named: "followers").map(\.id)
        let store = self.store

        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                for generation in 1...generations {
                    try store.apply(snapshot(generation), source: nil, lookback: nil, ledger: nil)
                }
            }
            group.addTask {
                var latest = 0
                while latest < generations {
                    let read = try store.samples(
                        of: ids, after: Timestamp(milliseconds: -1), through: Timestamp(milliseconds: .max))
                    let counts = Set(read.values.map(\.count))
                    let lastValues = Set(read.values.compactMap(\.last?.value))
                    #expect(counts.count == 1)
                    #expect(lastValues.count == 1)
                    let seen = Int(lastValues.first ?? 0)
                    #expect(seen >= latest)
                    latest = seen
                }
            }
            try await group.waitForAll()
        }
    }
}
