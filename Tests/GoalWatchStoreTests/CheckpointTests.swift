import Dispatch
import Foundation
import GoalWatchCore
@testable import GoalWatchStore
import Testing

@Suite("Copying the write-ahead log into the file")
struct CheckpointTests {
    /// 200 pages: a few applies of ``logSomePages(_:through:)`` pass it.
    static let smallThreshold: Int32 = 200

    @Test("a log past the threshold is copied in the background once writing pauses, not by the commit")
    func checkpointAfterAPause() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("history.sqlite")
        let store = try MetricStore(
            path: path,
            checkpoints: .init(threshold: Self.smallThreshold, busyBound: .max, backstop: .max, quietPeriod: .milliseconds(50)))
        let fileBefore = try size(of: path)

        try logSomePages(store, through: Int(Self.smallThreshold) * 4096)

        // The commits returned without copying anything into the file.
        #expect(try size(of: path) == fileBefore)
        poll("a checkpoint after the pause") { store.checkpointer.completedCheckpoints >= 1 }
        #expect(try size(of: path) > fileBefore)
        #expect(try store.series(named: "impressions").count == 200)
    }

    @Test("no pause is waited for once the log passes the busy bound")
    func checkpointWhileBusy() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("history.sqlite")
        let store = try MetricStore(
            path: path,
            checkpoints: .init(threshold: Self.smallThreshold, busyBound: Self.smallThreshold, backstop: .max, quietPeriod: .seconds(3600)))

        try logSomePages(store, through: Int(Self.smallThreshold) * 4096)

        poll("a checkpoint without a pause") { store.checkpointer.completedCheckpoints >= 1 }
    }

    @Test("a commit that finds the log past the backstop copies it itself")
    func writerCheckpointsPastTheBackstop() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("history.sqlite")
        let store = try MetricStore(
            path: path,
            checkpoints: .init(threshold: .max, busyBound: .max, backstop: Self.smallThreshold, quietPeriod: .seconds(3600)))
        let fileBefore = try size(of: path)

        try logSomePages(store, through: Int(Self.smallThreshold) * 4096)

        #expect(try size(of: path) > fileBefore)
        #expect(store.checkpointer.completedCheckpoints == 0)
    }

    @Test("closing with a checkpoint waiting still leaves one self-contained file")
    func closeWithACheckpointWaiting() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("history.sqlite")
        let store = try MetricStore(
            path: path,
            checkpoints: .init(threshold: Self.smallThreshold, busyBound: .max, backstop: .max, quietPeriod: .seconds(3600)))
        try logSomePages(store, through: Int(Self.smallThreshold) * 4096)

        try store.close()

        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
        let reopened = try MetricStore(path: path)
        #expect(try reopened.series(named: "impressions").count == 200)
    }

    /// Applies snapshots until the log file holds at least `bytes`.
    private func logSomePages(_ store: MetricStore, through bytes: Int) throws {
        var hour: Int64 = 0
        while try size(of: store.path + "-wal") < bytes {
            var samples: [(Labels, Int64, Double)] = []
            for account in 0..<200 {
                for step in 0..<50 {
                    samples.append((series("impressions", ["account": String(account)]), (hour * 50 + Int64(step)) * 60_000, Double(step)))
                }
            }
            try store.apply(batch(samples), source: nil, lookback: nil, ledger: nil)
            hour += 1
            try #require(hour < 200, "the log did not grow")
        }
    }

    private func size(of path: String) throws -> Int {
        try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0
    }

    /// Checks `condition` every 10 ms until it holds, for up to 10 seconds.
    private func poll(_ what: String, _ condition: () -> Bool) {
        let deadline = DispatchTime.now() + .seconds(10)
        while !condition() {
            guard DispatchTime.now() < deadline else {
                Issue.record("timed out waiting for \(what)")
                return
            }
            Thread.sleep(forTimeInterval: 0.01)
        }
    }
}
