internal import GRDB
import GoalWatchCore

/// Writes the ordered samples of one batch, skipping those already stored with the same value.
///
/// Snapshots overlap a lot: social tools export "the last 90 days", so each day's file repeats
/// 89 days the store already has. Reading a series' stored samples over the batch's time span
/// costs a fraction of an upsert per row, so each series is merged against what is stored and
/// only new or changed samples are written. New series skip the read.
enum SampleWriter {
    struct Counts {
        var written = 0
        var unchanged = 0
    }

    /// How many rows of `sample_change` are kept: enough for many snapshots of the reference
    /// workload (30,000 series) between two evaluations.
    static let retainedChanges: Int64 = 200_000

    /// Writes `ordered`, series by ascending id, merging each existing series with what it stores.
    static func write(_ ordered: OrderedSamples, series: ResolvedSeries, in db: Database) throws -> Counts {
        var inserter = try SampleInserter(db)
        let reader = try SampleReader(db)
        let change = try db.cachedStatement(sql: "INSERT INTO sample_change (series_id, first_ms, last_ms) VALUES (?, ?, ?)")
        var stored: [Sample] = []
        var counts = Counts()
        // Ascending series ids append new series at the end of the table.
        let seriesInIDOrder = ordered.runs.indices
            .filter { !ordered.runs[$0].isEmpty }
            .sorted { series.ids[$0] < series.ids[$1] }

        try ordered.samples.withUnsafeBufferPointer { samples in
            for index in seriesInIDOrder {
                let id = series.ids[index]
                let run = samples[ordered.runs[index]]
                stored.removeAll(keepingCapacity: true)
                if !series.isNew[index], let first = run.first, let last = run.last {
                    // (first - 1, last]; at the very bottom of the range nothing is read and every
                    // sample is upserted, which is still correct.
                    let (before, overflow) = first.timestamp.milliseconds.subtractingReportingOverflow(1)
                    if !overflow {
                        try reader.read(
                            id, after: Timestamp(milliseconds: before), through: last.timestamp, into: &stored)
                    }
                }
                var next = 0
                var span: (first: Int64, last: Int64)?
                for sample in run {
                    while next < stored.count, stored[next].timestamp < sample.timestamp { next += 1 }
                    if next < stored.count, stored[next] == sample {
                        counts.unchanged += 1
                    } else {
                        try inserter.insert(seriesID: id, sample)
                        counts.written += 1
                        let time = sample.timestamp.milliseconds
                        span = (span?.first ?? time, time)
                    }
                }
                if let span { try change.execute(arguments: [id, span.first, span.last]) }
            }
        }
        try inserter.finish()
        try db.execute(
            sql: "DELETE FROM sample_change WHERE seq <= (SELECT max(seq) FROM sample_change) - ?",
            arguments: [retainedChanges])
        return counts
    }
}
