import GoalWatchCore

/// Stored series indexed by their label values, so that a selector with an equality matcher is
/// compared only with the series that carry that value (`account="acct0042"` narrows a thousand
/// `followers` series to the handful of that account) instead of with every series of its name.
struct SeriesPostings {
    let series: [StoredSeries]
    /// For each label name and value, the positions in ``series`` of the series carrying it, ascending.
    private var positions: [String: [String: [Int]]] = [:]

    init(_ series: [StoredSeries]) {
        self.series = series
        for (position, stored) in series.enumerated() {
            for label in stored.labels.elements {
                positions[label.name, default: [:]][label.value, default: []].append(position)
            }
        }
    }

    /// The series satisfying every matcher, in their stored order.
    func matching(_ matchers: [LabelMatcher]) -> [StoredSeries] {
        var narrowest: [Int]?
        for matcher in matchers where matcher.kind == .equal && !matcher.value.isEmpty {
            let list = positions[matcher.name]?[matcher.value] ?? []
            if list.count < narrowest?.count ?? Int.max { narrowest = list }
            if list.isEmpty { return [] }
        }
        guard let narrowest else { return series.filter { $0.labels.satisfies(matchers) } }
        return narrowest.lazy.map { series[$0] }.filter { $0.labels.satisfies(matchers) }
    }
}
