import GoalWatchCore
import GoalWatchStore
import GRDB
import Testing

@Suite("Ingest ledger and quarantine")
struct LedgerTests {
    let directory: TemporaryDirectory
    let store: MetricStore

    init() throws {
        directory = try TemporaryDirectory()
        store = try MetricStore(path: directory.path("history.sqlite"))
    }

    private let followers = series("followers")

    @Test("a ledger record is found by path (the newest) and by content hash")
    func lookupByPathAndHash() throws {
        let older = ledgerRecord(path: "/in/a.csv", content: "a", ingestedAt: 1_000)
        var newer = ledgerRecord(path: "/in/a.csv", content: "b", ingestedAt: 2_000, samples: 2)
        newer.size = 43
        let other = ledgerRecord(path: "/in/b.csv", content: "c", ingestedAt: 1_500)
        try store.apply(batch([(followers, 1, 1)]), source: "exports", lookback: nil, ledger: older)
        try store.apply(batch([(followers, 1, 1), (followers, 2, 2)]), source: "exports", lookback: nil, ledger: newer)
        try store.apply(batch([(followers, 3, 3)]), source: "exports", lookback: nil, ledger: other)

        #expect(try store.ledgerRecord(path: "/in/a.csv") == newer)
        #expect(try store.ledgerRecord(path: "/in/b.csv") == other)
        #expect(try store.ledgerRecord(path: "/in/none.csv") == nil)
        #expect(try store.ledgerRecord(contentHash: older.contentHash) == older)
        #expect(try store.ledgerRecord(contentHash: other.contentHash) == other)
        #expect(try store.ledgerRecord(contentHash: String(repeating: "f", count: 64)) == nil)
    }

    @Test("applying the same file twice doubles neither samples, series nor ledger records")
    func sameContentTwiceDoublesNothing() throws {
        let first = ledgerRecord(path: "/in/a.csv", ingestedAt: 1_000, samples: 2)
        var second = first
        second.ingestedAt = Timestamp(milliseconds: 5_000)
        let snapshot = batch([(followers, 1, 10), (followers, 2, 20)])
        try store.apply(snapshot, source: "exports", lookback: nil, ledger: first)
        let outcome = try store.apply(snapshot, source: "exports", lookback: nil, ledger: second)

        #expect(outcome == ApplyOutcome(samplesWritten: 0, samplesUnchanged: 2, seriesCreated: 0))
        let stored = try #require(try store.onlySeries(named: "followers"))
        #expect(try store.summaries(of: [stored.id])[stored.id]?.sampleCount == 2)
        #expect(try store.ledgerRecord(path: "/in/a.csv") == second)
        let ledgerRows = try DatabaseQueue(path: directory.path("history.sqlite")).read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM ingest_ledger")
        }
        #expect(ledgerRows == 1)
    }

    @Test("quarantine records are kept and listed oldest first")
    func quarantineRecordsAreListed() throws {
        let late = QuarantineRecord(path: "/in/b.csv", reason: "b.csv:3:1: expected a number, found \"x\"", at: Timestamp(milliseconds: 2_000))
        let early = QuarantineRecord(path: "/in/a.json", reason: "a.json:1:1: expected '{'", at: Timestamp(milliseconds: 1_000))
        try store.recordQuarantine(late)
        try store.recordQuarantine(early)

        #expect(try store.quarantineRecords() == [early, late])
    }
}
