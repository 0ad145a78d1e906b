import Foundation
import GoalWatchCore
import GoalWatchStore
import Testing

@Suite("Closing the store")
struct CloseTests {
    @Test("closing leaves one self-contained file that a new open reads whole")
    func closingFoldsTheLogIntoTheFile() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("history.sqlite")
        let store = try MetricStore(path: path)
        let followers = series("followers")
        try store.apply(batch([(followers, 1, 10), (followers, 2, 20)]), source: nil, lookback: nil, ledger: nil)
        #expect(FileManager.default.fileExists(atPath: path + "-wal"))

        try store.close()

        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
        #expect(!FileManager.default.fileExists(atPath: path + "-shm"))
        #expect(throws: StoreError.self) { try store.series(named: nil) }
        let reopened = try MetricStore(path: path)
        let stored = try #require(try reopened.onlySeries(named: "followers"))
        #expect(try reopened.allSamples(of: stored.id) == [Sample(1, 10), Sample(2, 20)])
    }

    @Test("closing while another connection has the file open loses nothing")
    func anotherConnectionKeepsTheLog() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("history.sqlite")
        let store = try MetricStore(path: path)
        let other = try MetricStore(path: path)
        try store.apply(batch([(series("followers"), 1, 10)]), source: nil, lookback: nil, ledger: nil)

        try store.close()

        let stored = try #require(try other.onlySeries(named: "followers"))
        #expect(try other.allSamples(of: stored.id) == [Sample(1, 10)])
    }
}
