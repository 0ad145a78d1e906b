import GoalWatchCore

/// The history the daemon's rules read, kept in memory between evaluations; the store is the durable
/// copy (DESIGN §14).
///
/// The first ``refresh(_:defaultLookback:from:)`` loads every window from the store. Later ones read
/// only the samples snapshots wrote since, by this process or any other (the store's sample changes),
/// and drop samples that no window reaches any more. Everything is loaded again when a window reaches
/// further back than what is held, when a selector is new, when the store no longer has the changes
/// since the last refresh, and after ``invalidate()`` (the daemon calls it when it reloads its rules).
///
/// What evaluations derive (recording rules' series, goal series, `ALERTS`) is kept too, once handed
/// back with ``keepDerived(from:)``: later evaluations read its history as Prometheus' rules read
/// recorded series from the TSDB, and as `goalwatch replay` does over its range. It lives in memory
/// only, so it starts again empty after a restart or a reload of the rules.
public struct HistoryCache: Sendable {
    private struct Selector: Hashable {
        var name: String?
        var matchers: [LabelMatcher]
    }

    private var series = SeriesSet()
    /// The series evaluations derived, not read from the store.
    private var derived: Set<Labels> = []
    /// Per selector, the earliest instant its windows reach as of the last refresh (before lookback).
    private var held: [Selector: Timestamp] = [:]
    private var cursor: Int64 = 0
    private var defaultLookback: TimeSpan?

    /// How many times everything was loaded from the store.
    public private(set) var fullLoads = 0

    /// An empty cache; the first refresh loads it.
    public init() {}

    /// Drops what is held: the next refresh loads everything from the store.
    public mutating func invalidate() {
        series = SeriesSet()
        derived = []
        held = [:]
    }

    /// Keeps the samples an evaluation appended to the set ``refresh(_:defaultLookback:from:)`` returned:
    /// series it derived, not those read from the store (a derived series named like a stored one is
    /// not kept).
    public mutating func keepDerived(from evaluated: SeriesSet) {
        for candidate in evaluated.series {
            let index: Int
            if derived.contains(candidate.labels) {
                index = series.index(of: candidate.labels)
            } else {
                guard !series.contains(candidate.labels) else { continue }
                index = series.index(of: candidate.labels, lookback: candidate.lookback.map(TimeSpan.init(milliseconds:)))
                derived.insert(candidate.labels)
            }
            let last = series.series[index].timestamps.last ?? .min
            for position in candidate.firstIndex(after: last)..<candidate.timestamps.count {
                series.append(
                    toSeriesAt: index, at: Timestamp(milliseconds: candidate.timestamps[position]), value: candidate.values[position])
            }
        }
    }

    /// Brings the held history up to date for `windows` and returns it, for one evaluation to read
    /// (and append its recorded series to, without changing what is held).
    public mutating func refresh(_ windows: [SelectorWindow], defaultLookback: TimeSpan, from store: MetricStore) throws -> SeriesSet {
        var starts: [Selector: Timestamp] = [:]
        for window in windows {
            let selector = Selector(name: window.name, matchers: window.matchers)
            starts[selector] = min(starts[selector] ?? window.start, window.start)
        }
        let covered = defaultLookback == self.defaultLookback && starts.allSatisfy { selector, start in
            held[selector].map { $0 <= start } ?? false
        }
        if covered, let changes = try store.sampleChanges(after: cursor) {
            try take(changes, starts: starts, defaultLookback: defaultLookback, from: store)
        } else {
            try load(starts, defaultLookback: defaultLookback, from: store)
        }
        held = held.merging(starts) { _, new in new }
        trim(before: starts.values.min(), defaultLookback: defaultLookback)
        return series
    }

    private mutating func load(_ starts: [Selector: Timestamp], defaultLookback: TimeSpan, from store: MetricStore) throws {
        // The cursor first: what is written while loading is read again next time, which is harmless.
        let cursor = try store.sampleChangeCursor()
        var loaded = SeriesSet()
        let windows = starts.map { selector, start in
            SelectorWindow(name: selector.name, matchers: selector.matchers, start: start, end: Timestamp(milliseconds: .max))
        }
        try store.loadHistory(windows, defaultLookback: defaultLookback, into: &loaded)
        for kept in series.series where derived.contains(kept.labels) {
            let index = loaded.index(of: kept.labels, lookback: kept.lookback.map(TimeSpan.init(milliseconds:)))
            for position in kept.timestamps.indices {
                loaded.append(toSeriesAt: index, at: Timestamp(milliseconds: kept.timestamps[position]), value: kept.values[position])
            }
        }
        series = loaded
        held = [:]
        self.cursor = cursor
        self.defaultLookback = defaultLookback
        fullLoads += 1
    }

    private mutating func take(
        _ changes: SampleChanges, starts: [Selector: Timestamp], defaultLookback: TimeSpan, from store: MetricStore
    ) throws {
        for change in changes.changes {
            let labels = change.series.labels
            let reach = starts.compactMap { selector, start -> Timestamp? in
                guard selector.name == nil || selector.name == labels.metricName, labels.satisfies(selector.matchers) else { return nil }
                return start
            }.min()
            guard let reach else { continue }
            let lookback = change.series.lookback ?? defaultLookback
            let from = max(change.first.milliseconds, reach.milliseconds - lookback.milliseconds)
            guard from <= change.last.milliseconds else { continue }
            let samples = try store.samples(of: change.series.id, after: Timestamp(milliseconds: from - 1), through: change.last)
            let index = series.index(of: labels, lookback: change.series.lookback)
            for sample in samples { series.append(toSeriesAt: index, at: sample.timestamp, value: sample.value) }
        }
        cursor = changes.cursor
    }

    /// Drops samples older than any window can reach: the earliest start less the longest lookback.
    private mutating func trim(before earliest: Timestamp?, defaultLookback: TimeSpan) {
        guard let earliest else { return }
        let longest = series.series.compactMap(\.lookback).max() ?? 0
        let cutoff = earliest.milliseconds - max(longest, defaultLookback.milliseconds) - 1
        series.trim(through: Timestamp(milliseconds: cutoff))
    }
}
