import GoalWatchCore

/// Stored series indexed by their label values, so that a selector with an equality matcher is
/// compared only with the series that carry that value (`account="acct0042"` narrows a thousand
/// `followers` series to the handful of that account) instead of with every series of its name.
struct SeriesPostings {
    let series: [StoredSeries]
    private var postings = LabelPostings()

    init(_ series: [StoredSeries]) {
        self.series = series
        for (position, stored) in series.enumerated() { postings.add(stored.labels, at: position) }
    }

    /// The series satisfying every matcher, in their stored order.
    func matching(_ matchers: [LabelMatcher]) -> [StoredSeries] {
        guard let narrowest = postings.candidates(name: nil, matchers: matchers) else {
            return series.filter { $0.labels.satisfies(matchers) }
        }
        return narrowest.lazy.map { series[$0] }.filter { $0.labels.satisfies(matchers) }
    }
}
