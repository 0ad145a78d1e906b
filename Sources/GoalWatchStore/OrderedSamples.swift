import GoalWatchCore

/// The samples of a batch as the store writes them: grouped by series, ascending by timestamp
/// within each series, one sample per series and timestamp.
///
/// When a batch repeats a timestamp for a series, only the sample that comes last in the batch is
/// kept: the last write wins within a snapshot as it does across snapshots. Ascending order lets the
/// writer take each series' samples day by day, in the order of the primary key.
///
/// The samples are copied out of the batch's columns in one sequential pass (a counting sort by
/// series). Decoders often emit rows time-major (one row per timestamp, all series side by side),
/// and reading such a batch series by series would miss the CPU cache on nearly every sample;
/// scattering writes instead keeps the pass cheap and leaves the writer a sequential read. Series
/// already in time order (the usual case) need no sorting; one whose samples come out of order
/// (X exports run newest first) is sorted on its own.
struct OrderedSamples {
    /// The samples, series after series.
    let samples: [Sample]
    /// For each series of the batch (by its index in `SampleBatch.series`), its run in
    /// ``samples``; empty for a series without samples.
    let runs: [Range<Int>]

    /// Orders the samples of `batch`.
    ///
    /// - Throws: ``MalformedBatch`` when a sample refers to a series the batch does not have.
    init(_ batch: SampleBatch) throws {
        let seriesCount = batch.series.count
        let sampleCount = batch.count

        // `starts[s]` is where series s begins in `samples`.
        var starts = [Int](repeating: 0, count: seriesCount + 1)
        for series in batch.seriesIndex {
            guard series >= 0, Int(series) < seriesCount else {
                throw MalformedBatch(
                    description: "a sample refers to series \(series) of a batch of \(seriesCount) series")
            }
            starts[Int(series) + 1] += 1
        }
        for series in 0..<seriesCount { starts[series + 1] += starts[series] }

        var next = starts
        var samples = [Sample](unsafeUninitializedCapacity: sampleCount) { buffer, initialized in
            batch.seriesIndex.withUnsafeBufferPointer { seriesIndex in
                batch.timestamps.withUnsafeBufferPointer { timestamps in
                    batch.values.withUnsafeBufferPointer { values in
                        next.withUnsafeMutableBufferPointer { next in
                            for sample in 0..<sampleCount {
                                let series = Int(seriesIndex[sample])
                                buffer.initializeElement(
                                    at: next[series],
                                    to: Sample(
                                        timestamp: Timestamp(milliseconds: timestamps[sample]),
                                        value: values[sample]))
                                next[series] += 1
                            }
                        }
                    }
                }
            }
            initialized = sampleCount
        }

        var runs: [Range<Int>] = []
        runs.reserveCapacity(seriesCount)
        for series in 0..<seriesCount {
            let run = Self.order(&samples, from: starts[series], to: starts[series + 1])
            runs.append(run)
        }
        self.samples = samples
        self.runs = runs
    }

    /// Orders one series' samples `samples[start..<end]` (in batch order on entry) by timestamp,
    /// keeps the last of each timestamp, and returns the run they then occupy.
    private static func order(_ samples: inout [Sample], from start: Int, to end: Int) -> Range<Int> {
        var strictlyAscending = true
        var position = start + 1
        while position < end {
            if samples[position].timestamp <= samples[position - 1].timestamp {
                strictlyAscending = false
                break
            }
            position += 1
        }
        if strictlyAscending { return start..<end }

        // Sort positions, ties broken by batch order, so the last of equal timestamps comes last.
        let run = Array(samples[start..<end])
        let byTime = run.indices.sorted {
            run[$0].timestamp != run[$1].timestamp ? run[$0].timestamp < run[$1].timestamp : $0 < $1
        }
        var kept = start
        for (rank, index) in byTime.enumerated() {
            let isReplaced = rank + 1 < byTime.count && run[byTime[rank + 1]].timestamp == run[index].timestamp
            if !isReplaced {
                samples[kept] = run[index]
                kept += 1
            }
        }
        return start..<kept
    }
}

/// A batch whose columns contradict each other; only a decoder bug produces one.
struct MalformedBatch: Error, CustomStringConvertible {
    let description: String
}
