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
/// Each series keeps what the windows of the selectors that match it reach, so a goal reading a
/// quarter of one metric does not make every other series keep a quarter too; a series no selector
/// matches any more is dropped.
///
/// What evaluations derive (recording rules' series, goal series, `ALERTS`) is kept too, when a
/// selector reads it, once handed back with ``keepDerived(from:)``: later evaluations read its history
/// as Prometheus' rules read recorded series from the TSDB, and as `goalwatch replay` does over its
/// range. It lives in memory only, so it starts again empty after a restart or a reload of the rules.
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
    /// Per selector, the earliest instant the windows of the last refresh reach.
    private var starts: [Selector: Timestamp] = [:] {
        didSet { startsByName = Dictionary(grouping: starts, by: \.key.name) }
    }
    /// ``starts`` by the selectors' metric names.
    private var startsByName: [String?: [(key: Selector, value: Timestamp)]] = [:]
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
        starts = [:]
    }

    /// How many series are held, derived ones included.
    public var seriesCount: Int { series.count }

    /// How many samples are held, derived ones included.
    public var sampleCount: Int {
        series.series.reduce(0) { $0 + $1.timestamps.count }
    }

    /// Keeps the samples an evaluation appended to the set ``refresh(_:defaultLookback:from:)`` returned:
    /// series it derived that a selector of the last refresh reads, not those read from the store (a
    /// derived series named like a stored one is not kept).
    ///
    /// `evaluated` starts with the held series in their order (the evaluation only appends), so only
    /// series whose sample count changed, and those after the held ones, are looked at.
    public mutating func keepDerived(from evaluated: SeriesSet) {
        let heldCount = series.count
        for position in evaluated.series.indices {
            let candidate = evaluated.series[position]
            let index: Int
            if position < heldCount, series.series[position].labels == candidate.labels {
                guard candidate.timestamps.count != series.series[position].timestamps.count,
                      derived.contains(candidate.labels), reach(of: candidate.labels) != nil
                else { continue }
                index = position
            } else if derived.contains(candidate.labels) {
                guard reach(of: candidate.labels) != nil else { continue }
                index = series.index(of: candidate.labels)
            } else {
                guard !series.contains(candidate.labels), reach(of: candidate.labels) != nil else { continue }
                index = series.index(of: candidate.labels, lookback: candidate.lookback.map(TimeSpan.init(milliseconds:)))
                derived.insert(candidate.labels)
            }
            let last = series.series[index].timestamps.last ?? .min
            for sample in candidate.firstIndex(after: last)..<candidate.timestamps.count {
                series.append(
                    toSeriesAt: index, at: Timestamp(milliseconds: candidate.timestamps[sample]), value: candidate.values[sample])
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
        self.starts = starts
        let covered = defaultLookback == self.defaultLookback && starts.allSatisfy { selector, start in
            held[selector].map { $0 <= start } ?? false
        }
        if covered, let changes = try store.sampleChanges(after: cursor) {
            try take(changes, defaultLookback: defaultLookback, from: store)
        } else {
            try load(defaultLookback: defaultLookback, from: store)
        }
        held = held.merging(starts) { _, new in new }
        trim(defaultLookback: defaultLookback)
        return series
    }

    private mutating func load(defaultLookback: TimeSpan, from store: MetricStore) throws {
        // The cursor first: what is written while loading is read again next time, which is harmless.
        let cursor = try store.sampleChangeCursor()
        var loaded = SeriesSet()
        let windows = starts.map { selector, start in
            SelectorWindow(name: selector.name, matchers: selector.matchers, start: start, end: Timestamp(milliseconds: .max))
        }
        try store.loadHistory(windows, defaultLookback: defaultLookback, into: &loaded)
        for kept in series.series where derived.contains(kept.labels) && reach(of: kept.labels) != nil {
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

    private mutating func take(_ changes: SampleChanges, defaultLookback: TimeSpan, from store: MetricStore) throws {
        var spans: [SampleSpan] = []
        var positions: [Int] = []
        for change in changes.changes {
            let labels = change.series.labels
            guard let reach = reach(of: labels) else { continue }
            let lookback = change.series.lookback ?? defaultLookback
            let from = max(change.first.milliseconds, reach.milliseconds - lookback.milliseconds)
            guard from <= change.last.milliseconds else { continue }
            spans.append(SampleSpan(id: change.series.id, after: Timestamp(milliseconds: from - 1), through: change.last))
            positions.append(series.index(of: labels, lookback: change.series.lookback))
        }
        try store.forEachSample(in: spans) { span, time, value in
            series.append(toSeriesAt: positions[span], at: Timestamp(milliseconds: time), value: value)
        }
        cursor = changes.cursor
    }

    /// The earliest instant a selector of the last refresh reads of the series with these labels;
    /// `nil` when none reads it.
    private func reach(of labels: Labels) -> Timestamp? {
        let candidates = (startsByName[labels.metricName] ?? []) + (startsByName[nil] ?? [])
        return candidates.compactMap { selector, start in labels.satisfies(selector.matchers) ? start : nil }.min()
    }

    /// Drops from each series the samples older than the selectors that read it reach (their earliest
    /// start less the series' lookback), and the series no selector reads.
    private mutating func trim(defaultLookback: TimeSpan) {
        var cutoffs = [Int64?](repeating: nil, count: series.count)
        for (selector, start) in starts {
            for position in series.positions(name: selector.name, matchers: selector.matchers) {
                cutoffs[position] = min(cutoffs[position] ?? .max, start.milliseconds)
            }
        }
        for position in cutoffs.indices {
            guard let start = cutoffs[position] else { continue }
            cutoffs[position] = start - (series.series[position].lookback ?? defaultLookback.milliseconds) - 1
        }
        let before = series.count
        series.trim(through: cutoffs)
        // Only when empty series left the set can a derived one be gone.
        if series.count != before { derived = derived.filter(series.contains) }
    }
}
