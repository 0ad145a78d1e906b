internal import CMalloc

/// Gives the C heap's free pages back to the system after large snapshots.
///
/// Decoding and storing a snapshot of hundreds of thousands of samples grows the heap by tens of MiB.
/// glibc keeps freed pages in its arenas for later allocations, so without a trim the daemon would
/// stay at its largest snapshot's resident size for as long as it runs (a 0.7 M-sample import left it
/// at 130 MiB instead of 69 MiB). The evaluation loop calls ``afterCycle(ingestedSamples:)`` after
/// every cycle; the heap is trimmed when the samples ingested since the last trim reach ``threshold``,
/// so a large import is released within one evaluation interval while the steady trickle of small
/// snapshots trims rarely.
struct HeapRelease {
    /// Ingested samples after which the next cycle trims the heap.
    static let threshold = 100_000

    private var trimmedAt = 0
    private let trim: () -> Void

    /// - Parameter trim: what releases the memory; glibc's `malloc_trim` unless a test observes it.
    init(trim: @escaping () -> Void = { _ = malloc_trim(0) }) {
        self.trim = trim
    }

    /// Trims the heap when `ingestedSamples` (the daemon's running total) grew by ``threshold`` or more
    /// since the last trim.
    mutating func afterCycle(ingestedSamples: Int) {
        guard ingestedSamples - trimmedAt >= Self.threshold else { return }
        trimmedAt = ingestedSamples
        trim()
    }
}
