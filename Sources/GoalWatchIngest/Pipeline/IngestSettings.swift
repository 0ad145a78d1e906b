import GoalWatchCore

/// How snapshots from one source are decoded and stored: everything the pipeline needs from a
/// source's configuration, and nothing of how the source is polled.
public struct IngestSettings: Sendable {
    /// The source's name, recorded with each series and in the ledger.
    public var sourceName: String
    /// The snapshot format, or `nil` to choose by file extension.
    public var format: SnapshotFormat?
    /// The CSV mapping; required to read CSV.
    public var csv: CSVOptions?
    /// Caps checked before memory is allocated.
    public var limits: IngestLimits
    /// Labels added to every series.
    public var constantLabels: [String: String]
    /// Metrics that may never be negative.
    public var nonNegativeMetrics: Set<String>
    /// NDJSON keys declared as labels, or `nil` for "string values are labels".
    public var ndjsonLabelKeys: Set<String>?
    /// NDJSON keys declared as metrics, or `nil` for "numbers are metrics".
    public var ndjsonMetricKeys: Set<String>?
    /// How long series from this source stay current without a new sample; `nil` uses the evaluation default.
    public var lookback: TimeSpan?

    public init(
        sourceName: String,
        format: SnapshotFormat? = nil,
        csv: CSVOptions? = nil,
        limits: IngestLimits = IngestLimits(),
        constantLabels: [String: String] = [:],
        nonNegativeMetrics: Set<String> = [],
        ndjsonLabelKeys: Set<String>? = nil,
        ndjsonMetricKeys: Set<String>? = nil,
        lookback: TimeSpan? = nil
    ) {
        self.sourceName = sourceName
        self.format = format
        self.csv = csv
        self.limits = limits
        self.constantLabels = constantLabels
        self.nonNegativeMetrics = nonNegativeMetrics
        self.ndjsonLabelKeys = ndjsonLabelKeys
        self.ndjsonMetricKeys = ndjsonMetricKeys
        self.lookback = lookback
    }

    /// The decode context for one snapshot named `name` (a path or URL) at `now`.
    func decodeContext(for name: String, now: Timestamp) -> DecodeContext {
        DecodeContext(
            sourceName: name,
            limits: limits,
            now: now,
            constantLabels: constantLabels,
            nonNegativeMetrics: nonNegativeMetrics,
            ndjsonLabelKeys: ndjsonLabelKeys,
            ndjsonMetricKeys: ndjsonMetricKeys
        )
    }

    /// The format for a snapshot named `name`: the configured one, else the one its extension implies.
    func format(for name: String) throws(InputError) -> SnapshotFormat {
        if let format { return format }
        let fileExtension = name.split(separator: "/").last?.split(separator: ".").last.map(String.init) ?? ""
        if let format = SnapshotFormat(fileExtension: fileExtension) { return format }
        throw InputError("expected a file ending in .json, .ndjson, .jsonl or .csv, or a source with `format:` set; cannot tell the format of \"\(name)\"")
    }
}

extension IngestSettings {
    /// The settings a configured source implies.
    public init(source: SourceConfiguration) {
        self.init(
            sourceName: source.name,
            format: source.format,
            csv: source.csv,
            limits: source.limits,
            constantLabels: source.labels,
            nonNegativeMetrics: source.nonNegative,
            ndjsonLabelKeys: source.ndjson?.labelKeys,
            ndjsonMetricKeys: source.ndjson?.metricKeys,
            lookback: source.lookback
        )
    }
}
