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
        for (id, span) in spans.sorted(by: { $0.key < $1.key }) {
            let index = set.index(of: span.series.labels, lookback: span.series.lookback)
            for sample in try samples(of: id, after: span.start, through: span.end) {
                set.append(toSeriesAt: index, at: sample.timestamp, value: sample.value)
            }
        }
    }
}
