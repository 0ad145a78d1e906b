import Dispatch
import Synchronization
import Testing

@testable import GoalWatchDaemon

/// Items handed to a background writer are written off the caller, all of them, in order.
@Suite struct BackgroundWriterTests {
    @Test func submittingDoesNotWaitForTheWrite() {
        let gate = DispatchSemaphore(value: 0)
        let written = Mutex<[Int]>([])
        let writer = BackgroundWriter<Int>(label: "test") { item in
            gate.wait()
            written.withLock { $0.append(item) }
        }

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
        let writer = BackgroundWriter<Int>(label: "test") { item in written.withLock { $0.append(item) } }
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
}
