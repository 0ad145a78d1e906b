internal import GRDB
import GoalWatchCore

/// Writes the ordered samples of one batch, skipping those already stored with the same value.
///
/// Snapshots overlap a lot: social tools export "the last 90 days", so each day's file repeats
/// 89 days the store already has. Reading a series' stored samples of a day costs a fraction of an
/// upsert per row, so each series is merged against what is stored and only new or changed samples
/// are written. A series' samples newer than its newest stored one (new series, and the new hours
/// of every snapshot) skip the read.
///
/// Rows go in the order of the primary key, (day, series, time): day after day, and within a day the
/// series by ascending id, so a batch fills each day's part of the table in one pass instead of
/// going back and forth between days.
enum SampleWriter {
    struct Counts {
        var written = 0
        var unchanged = 0
    }

    /// How many rows of `sample_change` are kept: enough for many snapshots of the reference
    /// workload (30,000 series) between two evaluations.
    static let retainedChanges: Int64 = 200_000

    /// Writes `ordered`, merging each existing series with what it stores; records the days written,
    /// each series' newest sample and the span each series was written over.
    static func write(_ ordered: OrderedSamples, series: ResolvedSeries, in db: Database) throws -> Counts {
        var inserter = try SampleInserter(db)
        let reader = try SampleReader(db)
        let change = try db.cachedStatement(sql: "INSERT INTO sample_change (series_id, first_ms, last_ms) VALUES (?, ?, ?)")
        let newest = try db.cachedStatement(sql: "UPDATE series SET last_ms = max(coalesce(last_ms, ?1), ?1) WHERE id = ?2")
        let dayListed = try db.cachedStatement(sql: "INSERT OR IGNORE INTO sample_day (day) VALUES (?)")
        var stored: [Sample] = []
        var counts = Counts()
        // Ascending series ids within a day keep the inserts in primary-key order.
        let seriesInIDOrder = ordered.runs.indices
            .filter { !ordered.runs[$0].isEmpty }
            .sorted { series.ids[$0] < series.ids[$1] }
        // Per series (by position in seriesInIDOrder): the next sample to write, and the span written.
        var next = seriesInIDOrder.map { ordered.runs[$0].lowerBound }
        var spans = [(first: Int64, last: Int64)?](repeating: nil, count: seriesInIDOrder.count)

        try ordered.samples.withUnsafeBufferPointer { samples in
            func day(at position: Int) -> Int64 { SampleDay.of(samples[position].timestamp.milliseconds) }
            var today = next.indices.map { day(at: next[$0]) }.min()
            while let current = today {
                today = nil
                var wroteToday = false
                for (slot, index) in seriesInIDOrder.enumerated() {
                    let run = ordered.runs[index]
                    let start = next[slot]
                    guard start < run.upperBound else { continue }
                    guard day(at: start) == current else {
                        today = min(today ?? .max, day(at: start))
                        continue
                    }
                    var end = start + 1
                    while end < run.upperBound, day(at: end) == current { end += 1 }
                    next[slot] = end
                    if end < run.upperBound { today = min(today ?? .max, day(at: end)) }

                    let id = series.ids[index]
                    stored.removeAll(keepingCapacity: true)
                    if let newest = series.newestStored[index], newest >= samples[start].timestamp.milliseconds {
                        try reader.read(
                            id, day: current, from: samples[start].timestamp, through: samples[end - 1].timestamp,
                            into: &stored)
                    }
                    var match = 0
                    for sample in samples[start..<end] {
                        while match < stored.count, stored[match].timestamp < sample.timestamp { match += 1 }
                        if match < stored.count, stored[match] == sample {
                            counts.unchanged += 1
                        } else {
                            try inserter.insert(seriesID: id, sample)
                            counts.written += 1
                            wroteToday = true
                            let time = sample.timestamp.milliseconds
                            spans[slot] = (spans[slot]?.first ?? time, time)
                        }
                    }
                }
                if wroteToday { try dayListed.run(current) }
            }
        }
        try inserter.finish()
        for (slot, index) in seriesInIDOrder.enumerated() {
            guard let span = spans[slot] else { continue }
            let id = series.ids[index]
            try change.run(id, span.first, span.last)
            try newest.run(span.last, id)
        }
        try db.execute(
            sql: "DELETE FROM sample_change WHERE seq <= (SELECT max(seq) FROM sample_change) - ?",
            arguments: [retainedChanges])
        return counts
    }
}
