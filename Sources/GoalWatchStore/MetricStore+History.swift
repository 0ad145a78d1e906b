import GoalWatchCore

extension MetricStore {
    /// Loads into `set` the stored samples the windows read: for each series a window selects, the
    /// samples after the earliest window start minus the series' lookback (its own, else
    /// `defaultLookback`), through the latest window end. Series already in `set` keep their samples.
    ///
    /// - Throws: ``StoreError``.
    public func loadHistory(_ windows: [SelectorWindow], defaultLookback: TimeSpan, into set: inout SeriesSet) throws {
        var spans: [Int64: (series: StoredSeries, start: Timestamp, end: Timestamp)] = [:]
        var listed: [String?: SeriesPostings] = [:]
        for window in windows {
            if listed[window.name] == nil { listed[window.name] = SeriesPostings(try series(named: window.name)) }
            for candidate in listed[window.name]!.matching(window.matchers) {
                let start = window.start - (candidate.lookback ?? defaultLookback)
                if let known = spans[candidate.id] {
                    spans[candidate.id] = (candidate, min(known.start, start), max(known.end, window.end))
                } else {
                    spans[candidate.id] = (candidate, start, window.end)
                }
            }
        }
        let ordered = spans.sorted { $0.key < $1.key }
        let positions = ordered.map { set.index(of: $0.value.series.labels, lookback: $0.value.series.lookback) }
        try forEachSample(in: ordered.map { SampleSpan(id: $0.key, after: $0.value.start, through: $0.value.end) }) { span, time, value in
            set.append(toSeriesAt: positions[span], at: Timestamp(milliseconds: time), value: value)
        }
    }
}
