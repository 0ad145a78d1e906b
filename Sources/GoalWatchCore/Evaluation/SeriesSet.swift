/// The history the evaluator reads: series with their samples, in memory, indexed by metric name.
///
/// The daemon keeps the windows its rules need here (the store is the durable copy); `goalwatch test`
/// fills one from `input_series`; `goalwatch eval` loads one from the store. Recording rules and goals
/// append their results, so later rules see them as Prometheus' rules see the TSDB.
public struct SeriesSet: Sendable {
    /// The series, in the order they were first added.
    public private(set) var series: [MemorySeries] = []
    private var indexByLabels: [Labels: Int] = [:]
    /// The series by label value (`__name__` included).
    private var postings = LabelPostings()

    /// An empty set.
    public init() {}

    /// How many series the set holds.
    public var count: Int { series.count }

    /// The position of the series with exactly these labels, adding an empty one if there is none.
    ///
    /// - Parameter lookback: how long the series' last sample stays current (its source's `lookback`);
    ///   `nil` uses the evaluation's default. Applied only when the series is created.
    public mutating func index(of labels: Labels, lookback: TimeSpan? = nil) -> Int {
        if let index = indexByLabels[labels] { return index }
        let index = series.count
        series.append(MemorySeries(labels: labels, lookback: lookback))
        indexByLabels[labels] = index
        postings.add(labels, at: index)
        return index
    }

    /// Whether the set has a series with exactly these labels.
    public func contains(_ labels: Labels) -> Bool {
        indexByLabels[labels] != nil
    }

    /// Adds one sample; a sample at a time the series already has replaces the value (last write wins).
    public mutating func append(_ labels: Labels, at time: Timestamp, value: Double, lookback: TimeSpan? = nil) {
        let index = index(of: labels, lookback: lookback)
        series[index].insert(time.milliseconds, value)
    }

    /// Adds one sample to the series at `index` (from ``index(of:lookback:)``).
    public mutating func append(toSeriesAt index: Int, at time: Timestamp, value: Double) {
        series[index].insert(time.milliseconds, value)
    }

    /// Drops from each series the samples at or before its own cutoff (`cutoffs[position]`, parallel to
    /// ``series``); a `nil` cutoff drops every sample. Series left without samples are removed once they
    /// are an eighth of the set (positions change then), so a set whose series come and go stays small
    /// without rebuilding its index at every trim.
    public mutating func trim(through cutoffs: [Int64?]) {
        precondition(cutoffs.count == series.count, "one cutoff per series")
        var empty = 0
        for index in series.indices {
            series[index].dropSamples(through: cutoffs[index] ?? .max)
            if series[index].timestamps.isEmpty { empty += 1 }
        }
        guard empty > 0, empty * 8 >= series.count else { return }
        let kept = series.filter { !$0.timestamps.isEmpty }
        self = SeriesSet()
        for candidate in kept {
            indexByLabels[candidate.labels] = series.count
            postings.add(candidate.labels, at: series.count)
            series.append(candidate)
        }
    }

    /// The series whose labels satisfy every matcher; `name` is the metric name, when the selector gives one.
    public func select(name: String?, matchers: [LabelMatcher]) -> [MemorySeries] {
        positions(name: name, matchers: matchers).map { series[$0] }
    }

    /// The positions in ``series`` of the series ``select(name:matchers:)`` returns.
    public func positions(name: String?, matchers: [LabelMatcher]) -> [Int] {
        // Without a metric name or an equality matcher to narrow the search, every series is a candidate.
        guard let candidates = postings.candidates(name: name, matchers: matchers) else {
            return series.indices.filter { series[$0].labels.satisfies(matchers) }
        }
        return candidates.filter { position in
            let candidate = series[position].labels
            return (name == nil || candidate.metricName == name) && candidate.satisfies(matchers)
        }
    }
}

/// One series of a ``SeriesSet``: its labels and its samples in time order.
public struct MemorySeries: Sendable {
    /// The series' labels, `__name__` included.
    public let labels: Labels
    /// How long the last sample stays current, in milliseconds; `nil` for the evaluation's default.
    public let lookback: Int64?
    /// Sample times in milliseconds, strictly increasing.
    public private(set) var timestamps: [Int64] = []
    /// Sample values, parallel to `timestamps`; ``StaleMarker`` values end the series at that time.
    public private(set) var values: [Double] = []

    init(labels: Labels, lookback: TimeSpan?) {
        self.labels = labels
        self.lookback = lookback?.milliseconds
    }

    mutating func insert(_ time: Int64, _ value: Double) {
        if let last = timestamps.last, time <= last {
            let index = firstIndex(atOrAfter: time)
            if index < timestamps.count, timestamps[index] == time {
                values[index] = value
            } else {
                timestamps.insert(time, at: index)
                values.insert(value, at: index)
            }
            return
        }
        timestamps.append(time)
        values.append(value)
    }

    mutating func dropSamples(through cutoff: Int64) {
        let keepFrom = firstIndex(after: cutoff)
        guard keepFrom > 0 else { return }
        timestamps.removeFirst(keepFrom)
        values.removeFirst(keepFrom)
    }

    /// The index of the first sample at or after `time` (`timestamps.count` when none is).
    public func firstIndex(atOrAfter time: Int64) -> Int {
        var low = 0, high = timestamps.count
        while low < high {
            let middle = (low + high) / 2
            if timestamps[middle] < time { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The index of the first sample strictly after `time` (`timestamps.count` when none is).
    public func firstIndex(after time: Int64) -> Int {
        var low = 0, high = timestamps.count
        while low < high {
            let middle = (low + high) / 2
            if timestamps[middle] <= time { low = middle + 1 } else { high = middle }
        }
        return low
    }
}

extension Labels {
    /// Whether every matcher holds for these labels (an absent label reads as the empty string).
    public func satisfies(_ matchers: [LabelMatcher]) -> Bool {
        matchers.allSatisfy { $0.matches(self[$0.name]) }
    }
}
