import GoalWatchCore

/// The samples of a batch in the order the store writes them: grouped by series, ascending by
/// timestamp within each series, one sample per series and timestamp.
///
/// When a batch repeats a timestamp for a series, only the sample that comes last in the batch is
/// kept: the last write wins within a snapshot as it does across snapshots. Ascending order makes
/// inserts append to each series' run in the table's primary-key B-tree instead of splitting pages
/// at random. Built in O(n) for batches already in time order per series (the usual case); a
/// series whose samples come out of order (X exports run newest first) is sorted on its own.
struct SampleOrder {
    /// Indices into the batch's sample columns, series after series.
    let indices: [Int32]
    /// For each series of the batch (by its index in `SampleBatch.series`), its run in ``indices``;
    /// empty for a series without samples.
    let runs: [Range<Int>]
    /// Number of samples to write, after dropping those a later one in the batch replaces.
    let count: Int

    /// Orders `batch`, whose sample count must fit in `Int32` (checked by the caller).
    init(_ batch: SampleBatch) {
        let seriesCount = batch.series.count
        let sampleCount = batch.count

        // Counting sort by series: `starts[s]` is where series s begins in `indices`.
        var starts = [Int](repeating: 0, count: seriesCount + 1)
        for series in batch.seriesIndex { starts[Int(series) + 1] += 1 }
        for series in 0..<seriesCount { starts[series + 1] += starts[series] }
        var next = starts
        var indices = [Int32](repeating: 0, count: sampleCount)
        batch.seriesIndex.withUnsafeBufferPointer { seriesIndex in
            for sample in 0..<sampleCount {
                let series = Int(seriesIndex[sample])
                indices[next[series]] = Int32(truncatingIfNeeded: sample)
                next[series] += 1
            }
        }

        var runs: [Range<Int>] = []
        runs.reserveCapacity(seriesCount)
        var count = 0
        batch.timestamps.withUnsafeBufferPointer { timestamps in
            for series in 0..<seriesCount {
                let run = Self.order(
                    &indices, from: starts[series], to: starts[series + 1], timestamps: timestamps)
                runs.append(run)
                count += run.count
            }
        }
        self.indices = indices
        self.runs = runs
        self.count = count
    }

    /// Orders one series' samples `indices[start..<end]` (in batch order on entry) by timestamp,
    /// keeps the last of each timestamp, and returns the run they now occupy.
    private static func order(
        _ indices: inout [Int32], from start: Int, to end: Int, timestamps: UnsafeBufferPointer<Int64>
    ) -> Range<Int> {
        func time(_ sample: Int32) -> Int64 { timestamps[Int(sample)] }

        var strictlyAscending = true
        var position = start + 1
        while position < end {
            if time(indices[position]) <= time(indices[position - 1]) {
                strictlyAscending = false
                break
            }
            position += 1
        }
        if strictlyAscending { return start..<end }

        // Ties broken by batch position, so the last of equal timestamps ends up last.
        indices[start..<end].sort { time($0) != time($1) ? time($0) < time($1) : $0 < $1 }
        var kept = start
        for position in start..<end {
            let isReplaced = position + 1 < end && time(indices[position + 1]) == time(indices[position])
            if !isReplaced {
                indices[kept] = indices[position]
                kept += 1
            }
        }
        return start..<kept
    }
}
