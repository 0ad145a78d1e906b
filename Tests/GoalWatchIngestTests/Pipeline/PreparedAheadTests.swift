import Foundation
import Synchronization
import Testing
@testable import GoalWatchIngest

/// Files are handed over in order; the next small file is prepared while the current one is handled,
/// a large one only after it.
@Suite struct PreparedAheadTests {
    @Test func theNextFileIsPreparedWhileTheCurrentOneIsHandled() throws {
        let folder = try TemporaryStoreFolder()
        let paths = try ["a.csv", "b.csv"].map { try folder.write($0, "Date,Followers\n") }
        let prepared = Mutex<[String]>([])
        var handled: [String] = []
        var sawNextPrepared = false

        PreparedAhead.forEach(paths) { path in
            prepared.withLock { $0.append(path) }
            return "prepared " + path
        } _: { path, value in
            #expect(value == "prepared " + path)
            if path == paths[0] {
                // The second file's preparation runs on another thread meanwhile.
                let deadline = ContinuousClock.now + .seconds(10)
                while ContinuousClock.now < deadline, !sawNextPrepared {
                    sawNextPrepared = prepared.withLock { $0.contains(paths[1]) }
                }
            }
            handled.append(path)
        }

        #expect(sawNextPrepared, "the second file was prepared while the first was handled")
        #expect(handled == paths)
        #expect(prepared.withLock { $0 }.sorted() == paths)
    }

    /// A file above the size limit, and a path that cannot be read, are prepared in their turn, after
    /// the file before them was handled.
    @Test func aLargeOrMissingFileWaitsItsTurn() throws {
        let folder = try TemporaryStoreFolder()
        let small = try folder.write("a.csv", "Date,Followers\n")
        let large = try folder.write("b.csv", "")
        // Sparse: the size counts, the disk holds nothing.
        try #require(truncate(large, off_t(PreparedAhead.sizeLimit + 1)) == 0)
        let missing = folder.path + "/c.csv"
        let events = Mutex<[String]>([])

        PreparedAhead.forEach([small, large, missing, small]) { path in
            events.withLock { $0.append("prepare " + (path as NSString).lastPathComponent) }
        } _: { path, _ in
            events.withLock { $0.append("handle " + (path as NSString).lastPathComponent) }
        }

        let order = events.withLock { $0 }
        // The small file after the missing path is prepared ahead, so from there the order of the
        // preparations depends on the threads.
        #expect(Array(order.prefix(4)) == ["prepare a.csv", "handle a.csv", "prepare b.csv", "handle b.csv"])
        #expect(order.filter { $0.hasPrefix("handle") } == ["handle a.csv", "handle b.csv", "handle c.csv", "handle a.csv"])
        #expect(order.filter { $0 == "prepare c.csv" }.count == 1)
        #expect(order.count == 8)
    }
}
