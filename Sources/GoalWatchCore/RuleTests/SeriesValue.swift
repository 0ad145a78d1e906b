/// One step of an input series in a rule test: a sample, no sample, or a staleness marker.
public enum SeriesValue: Sendable, Hashable, CustomStringConvertible {
    /// A sample with this value (any float, NaN and ±Inf included).
    case value(Double)
    /// No sample at this step (`_`), as when a scrape was missed.
    case missing
    /// A staleness marker (`stale`): the series ends here, as when a target disappears.
    case stale

    /// The notation for this one step: `1.5`, `_`, `stale`.
    public var description: String {
        switch self {
        case .value(let value): return PromQL.formatNumber(value)
        case .missing: return "_"
        case .stale: return "stale"
        }
    }
}
