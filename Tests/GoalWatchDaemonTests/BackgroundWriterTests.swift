import Dispatch
import Glibc
import Synchronization
import Testing

@testable import GoalWatchDaemon

/// Items handed to a background writer are written off the caller, all of them, in order.
@Suite struct BackgroundWriterTests {
    @Test func submittingDoesNotWaitForTheWrite() {
        let gate = DispatchSemaphore(value: 0)
        let written = Mutex<[Int]>([])
        let writer = BackgroundWriter<Int>(label: "test", limit: 10) { item in
            gate.wait()
            written.withLock { $0.append(item) }
        } dropped: { _ in }

        writer.submit(1)
        writer.submit(2)

        // The first write is held at the gate, and both submits have returned.
        #expect(written.withLock { $0 }.isEmpty)
        gate.signal()
        gate.signal()
        writer.drain()
        #expect(written.withLock { $0 } == [1, 2])
    }

    @Test func everyItemIsWrittenInOrderFromManyThreads() {
        let written = Mutex<[Int]>([])
        let writer = BackgroundWriter<Int>(label: "test", limit: 10_000) { item in
            written.withLock { $0.append(item) }
        } dropped: { _ in }
        // Each thread submits its own increasing run; the writer keeps each run's order.
        DispatchQueue.concurrentPerform(iterations: 4) { thread in
            for step in 0..<2_500 { writer.submit(thread * 10_000 + step) }
        }

        writer.drain()

        let items = written.withLock { $0 }
        #expect(items.count == 10_000)
        for thread in 0..<4 {
            let run = items.filter { $0 / 10_000 == thread }
            #expect(run == (0..<2_500).map { thread * 10_000 + $0 })
        }
    }

    /// While a write is blocked (a journald that stopped reading), at most `limit` items wait; the rest
    /// are counted, and the count is reported after the items that were waiting have been written.
    @Test func itemsBeyondTheLimitAreCountedAndReportedInOrder() throws {
        let gate = DispatchSemaphore(value: 0)
        let started = Mutex(false)
        let log = Mutex<[String]>([])
        let writer = BackgroundWriter<Int>(label: "test", limit: 3) { item in
            if item == 0 {
                started.withLock { $0 = true }
                gate.wait()
            }
            log.withLock { $0.append("wrote \(item)") }
        } dropped: { count in
            log.withLock { $0.append("dropped \(count)") }
        }

        writer.submit(0)
        let deadline = ContinuousClock.now + .seconds(10)
        while !started.withLock({ $0 }), ContinuousClock.now < deadline { sched_yield() }
        try #require(started.withLock { $0 }, "the first write has begun and holds the writer")
        for item in 1...5 { writer.submit(item) }
        gate.signal()
        writer.drain()
        writer.submit(6)
        writer.drain()

        #expect(log.withLock { $0 } == ["wrote 0", "wrote 1", "wrote 2", "wrote 3", "dropped 2", "wrote 6"])
    }
}
