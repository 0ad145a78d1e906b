/// One entry of `sources:`: where snapshots come from, how often, and how to read them.
public struct SourceConfiguration: Sendable, Hashable {
    /// Unique name, `[A-Za-z0-9_.-]+`; it labels the source in logs, metrics and alerts.
    public var name: String
    /// Where the snapshots come from, with the kind's own settings.
    public var kind: SourceKind
    /// How snapshots are encoded. `nil` only for a file source whose path does not tell (`inbox/*`):
    /// each file's format then follows its own extension.
    public var format: SnapshotFormat?
    /// Poll interval. Default 1m.
    public var every: TimeSpan
    /// How long series from this source stay current after their last sample, overriding
    /// `evaluation.lookback` (a daily export needs about a day). `nil`: the evaluation's lookback.
    public var lookback: TimeSpan?
    /// After how long without new data the source counts as stale. Default 3 × ``every``.
    public var staleAfter: TimeSpan
    /// Labels added to every series of the source; labels in the data win.
    public var labels: [String: String]
    /// Metrics that can never be negative; a negative value refuses the snapshot.
    public var nonNegative: Set<String>
    /// For NDJSON: which keys are labels and which are metrics, when declared.
    public var ndjson: NDJSONOptions?
    /// For CSV: how columns map to samples. Present exactly when ``format`` is `.csv`.
    public var csv: CSVOptions?
    /// Caps on what one snapshot may contain, and how far in the future its samples may lie.
    public var limits: IngestLimits
    /// Where the source's entry starts in the configuration file.
    public var location: SourceLocation

    /// Creates a source configuration.
    public init(
        name: String,
        kind: SourceKind,
        format: SnapshotFormat?,
        every: TimeSpan = .minutes(1),
        lookback: TimeSpan? = nil,
        staleAfter: TimeSpan? = nil,
        labels: [String: String] = [:],
        nonNegative: Set<String> = [],
        ndjson: NDJSONOptions? = nil,
        csv: CSVOptions? = nil,
        limits: IngestLimits = IngestLimits(),
        location: SourceLocation
    ) {
        self.name = name
        self.kind = kind
        self.format = format
        self.every = every
        self.lookback = lookback
        self.staleAfter = staleAfter ?? TimeSpan(milliseconds: every.milliseconds * 3)
        self.labels = labels
        self.nonNegative = nonNegative
        self.ndjson = ndjson
        self.csv = csv
        self.limits = limits
        self.location = location
    }
}

/// Where a source's snapshots come from.
public enum SourceKind: Sendable, Hashable {
    /// Files matching a glob, polled and (where available) watched.
    case file(FileSourceOptions)
    /// An HTTP(S) endpoint, fetched with GET.
    case http(HTTPSourceOptions)
}

/// The settings of a `kind: file` source.
public struct FileSourceOptions: Sendable, Hashable {
    /// Absolute glob pattern of the files to read (`/var/lib/goalwatch/inbox/*.csv`); not expanded here.
    public var path: String
    /// What happens to a file once it has been ingested. Default ``AfterRead/keep``.
    public var afterRead: AfterRead

    /// Creates file source settings.
    public init(path: String, afterRead: AfterRead = .keep) {
        self.path = path
        self.afterRead = afterRead
    }
}

/// What happens to a file once its snapshot is stored. Files that fail validation always go to quarantine.
public enum AfterRead: Sendable, Hashable {
    /// Leave it; the ingest ledger makes sure it is not counted twice.
    case keep
    /// Move it into this absolute folder.
    case move(to: String)
    /// Delete it.
    case delete
}

/// The settings of a `kind: http` source.
public struct HTTPSourceOptions: Sendable, Hashable {
    /// The http or https URL fetched; secret when built with an expansion.
    public var url: Redactable
    /// Request headers, name → value; values built with an expansion are secret.
    public var headers: [String: Redactable]
    /// How long one request may take. Default 10s.
    public var timeout: TimeSpan

    /// Creates http source settings.
    public init(url: Redactable, headers: [String: Redactable] = [:], timeout: TimeSpan = .seconds(10)) {
        self.url = url
        self.headers = headers
        self.timeout = timeout
    }
}

/// The `ndjson:` block of a source: which keys of each record are labels and which are metrics.
public struct NDJSONOptions: Sendable, Hashable {
    /// Keys whose values are labels; `nil`: string values are labels.
    public var labelKeys: Set<String>?
    /// Keys whose values are metrics; `nil`: numeric values are metrics.
    public var metricKeys: Set<String>?

    /// Creates NDJSON options.
    public init(labelKeys: Set<String>? = nil, metricKeys: Set<String>? = nil) {
        self.labelKeys = labelKeys
        self.metricKeys = metricKeys
    }
}

extension SourceConfiguration {
    /// What a snapshot decoder needs to read one snapshot of this source.
    ///
    /// - Parameters:
    ///   - origin: the file path or URL that messages name; for an http source whose url is secret,
    ///     pass something that shows no secret (the source's name, say).
    ///   - now: the current time, for the `max_future` check.
    public func decodeContext(origin: String, now: Timestamp) -> DecodeContext {
        DecodeContext(
            sourceName: origin, limits: limits, now: now, constantLabels: labels, nonNegativeMetrics: nonNegative,
            ndjsonLabelKeys: ndjson?.labelKeys, ndjsonMetricKeys: ndjson?.metricKeys)
    }
}
