/// One `input_series` entry: a series and its values, one every ``RuleTestGroup/interval`` from the
/// group's start.
public struct InputSeries: Sendable, Hashable {
    /// The series' labels, the metric name as `__name__`.
    public var labels: Labels
    /// The values in order: the first at the group's start, the next one interval later, and so on.
    public var values: [SeriesValue]
    /// Where the entry starts in the file.
    public var location: SourceLocation

    /// Creates an input series from its parts.
    public init(labels: Labels, values: [SeriesValue], location: SourceLocation) {
        self.labels = labels
        self.values = values
        self.location = location
    }

    /// The samples the series holds, `start` being the group's start: missing steps left out, a stale
    /// step as a sample whose value is `nil`.
    public func samples(start: Timestamp, interval: TimeSpan) -> [(timestamp: Timestamp, value: Double?)] {
        values.enumerated().compactMap { step, value in
            let timestamp = start + TimeSpan(milliseconds: interval.milliseconds * Int64(step))
            switch value {
            case .value(let number): return (timestamp, number)
            case .stale: return (timestamp, nil)
            case .missing: return nil
            }
        }
    }
}
