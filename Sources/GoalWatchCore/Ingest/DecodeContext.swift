/// Everything a snapshot decoder needs besides the bytes: where they came from, the caps, the clock,
/// and what the source declares about its series.
public struct DecodeContext: Sendable {
    /// The file name (or URL) used in error locations, as the user knows it.
    public var sourceName: String
    /// Caps enforced before allocation.
    public var limits: IngestLimits
    /// The current time, for the `max_future` check; injected so tests control it.
    public var now: Timestamp
    /// Labels added to every series (a source's `labels:`), e.g. `network: twitter`. Labels in the data win.
    public var constantLabels: [String: String]
    /// Metrics that can never be negative (follower counts, impressions); a negative value is refused.
    public var nonNegativeMetrics: Set<String>
    /// For NDJSON: the keys that are labels, or `nil` for "string values are labels".
    public var ndjsonLabelKeys: Set<String>?
    /// For NDJSON: the keys that are metrics, or `nil` for "numeric values are metrics".
    public var ndjsonMetricKeys: Set<String>?

    public init(
        sourceName: String,
        limits: IngestLimits = IngestLimits(),
        now: Timestamp,
        constantLabels: [String: String] = [:],
        nonNegativeMetrics: Set<String> = [],
        ndjsonLabelKeys: Set<String>? = nil,
        ndjsonMetricKeys: Set<String>? = nil
    ) {
        self.sourceName = sourceName
        self.limits = limits
        self.now = now
        self.constantLabels = constantLabels
        self.nonNegativeMetrics = nonNegativeMetrics
        self.ndjsonLabelKeys = ndjsonLabelKeys
        self.ndjsonMetricKeys = ndjsonMetricKeys
    }
}
