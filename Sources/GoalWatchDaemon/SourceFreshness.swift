import GoalWatchCore
import Synchronization

/// When each source last brought new data: the sources record it as they ingest, and every
/// evaluation reads it as the series `goalwatch_source_last_data_timestamp_seconds{source="…"}`,
/// which the built-in `GoalWatchSourceStale` rules watch (see ``SourceStaleRules``).
final class SourceFreshness: Sendable {
    /// The metric name of the series each evaluation sees.
    static let metricName = "goalwatch_source_last_data_timestamp_seconds"

    private let last = Mutex<[String: Timestamp]>([:])

    /// Starts from `known` (the ingest ledger's last record per source); a configured source never seen
    /// counts from `start`, so that it gets its whole `stale_after` before it is called stale.
    init(known: [String: Timestamp], sources: [String], start: Timestamp) {
        last.withLock { last in
            for source in sources { last[source] = known[source] ?? start }
        }
    }

    /// Notes that `source` stored new data at `time`.
    func record(_ source: String, at time: Timestamp) {
        last.withLock { $0[source] = max($0[source] ?? time, time) }
    }

    /// Makes sure every source in `sources` is tracked (after a reload added some), counting new ones
    /// from `time`.
    func track(_ sources: [String], from time: Timestamp) {
        last.withLock { last in
            for source in sources where last[source] == nil { last[source] = time }
        }
    }

    /// Appends each tracked source's last-data time, in Unix seconds, as a sample at `time`.
    func append(to series: inout SeriesSet, at time: Timestamp) {
        for (source, seen) in last.withLock({ $0 }) {
            let labels = Labels([LabelName.metricName: Self.metricName, "source": source])
            series.append(labels, at: time, value: Double(seen.milliseconds) / 1000)
        }
    }
}
