/// For each label name and value, the positions of the label sets carrying it, in ascending order:
/// an equality matcher (or a metric name) narrows a selection to one of these lists before any label
/// set is compared. Used by ``SeriesSet`` and by the store when it loads history.
public struct LabelPostings: Sendable {
    private var positions: [String: [String: [Int]]] = [:]

    /// An empty index.
    public init() {}

    /// Records that the label set at `position` (added in ascending order) carries `labels`.
    public mutating func add(_ labels: Labels, at position: Int) {
        for label in labels.elements { positions[label.name, default: [:]][label.value, default: []].append(position) }
    }

    /// The shortest list of positions that the metric name `name` or an equality matcher allows; `nil`
    /// when neither narrows the selection (every position is a candidate). Candidates must still be
    /// checked against every matcher.
    public func candidates(name: String?, matchers: [LabelMatcher]) -> [Int]? {
        var narrowest: [Int]?
        let equalities = matchers.lazy.filter { $0.kind == .equal && !$0.value.isEmpty }.map { ($0.name, $0.value) }
        for (label, value) in (name.map { [(LabelName.metricName, $0)] } ?? []) + equalities {
            let list = positions[label]?[value] ?? []
            if list.count < narrowest?.count ?? Int.max { narrowest = list }
            if list.isEmpty { return [] }
        }
        return narrowest
    }
}
