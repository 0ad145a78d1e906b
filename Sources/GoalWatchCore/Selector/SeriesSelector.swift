/// A PromQL instant-vector selector: an optional metric name and label matchers,
/// e.g. `followers{network="instagram", account=~"acme|globex"}`.
public struct SeriesSelector: Sendable, Hashable, CustomStringConvertible {
    /// The metric name, when written before the braces (same as a `__name__="…"` matcher).
    public var metricName: String?
    /// The matchers inside the braces, in the order written.
    public var matchers: [LabelMatcher]

    public init(metricName: String?, matchers: [LabelMatcher]) {
        self.metricName = metricName
        self.matchers = matchers
    }

    /// The metric name the selector pins, from the name or an `__name__="…"` matcher.
    public var exactMetricName: String? {
        if let metricName { return metricName }
        return matchers.first { $0.name == LabelName.metricName && $0.kind == .equal }?.value
    }

    /// Whether a series with these labels (including `__name__`) is selected.
    public func matches(_ labels: Labels) -> Bool {
        if let metricName, labels.metricName != metricName { return false }
        return matchers.allSatisfy { $0.matches(labels[$0.name]) }
    }

    public var description: String {
        let body = matchers.map(\.description).joined(separator: ", ")
        if let metricName { return body.isEmpty ? metricName : "\(metricName){\(body)}" }
        return "{\(body)}"
    }

    /// Parses a selector with the PromQL parser. Like Prometheus, it refuses a selector that could
    /// match every series (no name and only matchers that match the empty string).
    /// - Throws: ``InputError`` located at the line and column inside `text`.
    public static func parse(_ text: String) throws(InputError) -> SeriesSelector {
        let expression = try PromQL.parse(text)
        guard case .vectorSelector(let selector) = expression.kind, selector.offset.milliseconds == 0, selector.at == nil else {
            throw InputError("expected a series selector such as followers{network=\"instagram\"}, found \"\(text)\"")
        }
        return SeriesSelector(metricName: selector.name, matchers: selector.matchers)
    }
}
