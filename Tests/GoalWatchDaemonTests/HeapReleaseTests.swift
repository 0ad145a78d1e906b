@testable import GoalWatchDaemon
import Synchronization
import Testing

/// When the evaluation loop gives the heap back: once the samples ingested since the last trim reach
/// the threshold, not for every snapshot.
@Suite struct HeapReleaseTests {
    /// The running totals of ingested samples after each cycle, and how many trims they cause.
    @Test func theHeapIsTrimmedOncePerThresholdOfIngestedSamples() {
        let trims = Mutex(0)
        var heap = HeapRelease(trim: { trims.withLock { $0 += 1 } })
        let threshold = HeapRelease.threshold

        heap.afterCycle(ingestedSamples: 0)
        heap.afterCycle(ingestedSamples: threshold - 1)
        #expect(trims.withLock { $0 } == 0, "below the threshold nothing is trimmed")

        heap.afterCycle(ingestedSamples: threshold)
        #expect(trims.withLock { $0 } == 1)
        heap.afterCycle(ingestedSamples: threshold)
        heap.afterCycle(ingestedSamples: 2 * threshold - 1)
        #expect(trims.withLock { $0 } == 1, "the count starts again from the last trim")

        heap.afterCycle(ingestedSamples: 10 * threshold)
        #expect(trims.withLock { $0 } == 2, "one large import is one trim")
    }
}
