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
        let opened = try OpenedStore(checkpoints: .init(threshold: Self.smallThreshold, busyBound: .max, backstop: .max, quietPeriod: .milliseconds(50)))
        let (path, store) = (opened.path, opened.store)
        let fileBefore = try size(of: path)

        try logSomePages(store)

        // The commits returned without copying anything into the file.
        #expect(try size(of: path) == fileBefore)
        poll("a checkpoint after the pause") { store.checkpointer.completedCheckpoints >= 1 }
        #expect(try size(of: path) > fileBefore)
        #expect(try store.series(named: "impressions").count == 200)
    }

    @Test("no pause is waited for once the log passes the busy bound")
    func checkpointWhileBusy() throws {
        let opened = try OpenedStore(checkpoints: .init(threshold: Self.smallThreshold, busyBound: Self.smallThreshold, backstop: .max, quietPeriod: .seconds(3600)))
        let store = opened.store

        try logSomePages(store)

        poll("a checkpoint without a pause") { store.checkpointer.completedCheckpoints >= 1 }
    }

    @Test("a commit that finds the log past the backstop copies it itself")
    func writerCheckpointsPastTheBackstop() throws {
        let opened = try OpenedStore(checkpoints: .init(threshold: .max, busyBound: .max, backstop: Self.smallThreshold, quietPeriod: .seconds(3600)))
        let (path, store) = (opened.path, opened.store)
        let fileBefore = try size(of: path)

        try logSomePages(store)

        #expect(try size(of: path) > fileBefore)
        #expect(store.checkpointer.completedCheckpoints == 0)
    }

    @Test("closing with a checkpoint waiting still leaves one self-contained file")
    func closeWithACheckpointWaiting() throws {
        let opened = try OpenedStore(checkpoints: .init(threshold: Self.smallThreshold, busyBound: .max, backstop: .max, quietPeriod: .seconds(3600)))
        let (path, store) = (opened.path, opened.store)
        try logSomePages(store)

        try store.close()

        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
        let reopened = try MetricStore(path: path)
        #expect(try reopened.series(named: "impressions").count == 200)
    }

    /// Applies snapshots until the log file holds at least `bytes` (by default ``smallThreshold`` pages).
    private func logSomePages(_ store: MetricStore, through bytes: Int = Int(smallThreshold) * 4096) throws {
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

/// A store in a fresh folder, checkpointed by the given limits; the folder lives as long as this does.
private struct OpenedStore {
    let directory: TemporaryDirectory
    let path: String
    let store: MetricStore

    init(checkpoints: WALCheckpointer.Limits) throws {
        directory = try TemporaryDirectory()
        path = directory.path("history.sqlite")
        store = try MetricStore(path: path, checkpoints: checkpoints)
    }
}
