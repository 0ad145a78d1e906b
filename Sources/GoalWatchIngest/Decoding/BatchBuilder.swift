import GoalWatchCore

/// Builds a ``SampleBatch`` under the rules every snapshot format shares (DESIGN §4): each series gets
/// `__name__` and the source's constant labels, rows and distinct series stay within the caps, values
/// of non-negative metrics are not negative, and no time lies beyond now + max_future.
struct BatchBuilder {
    private(set) var batch = SampleBatch()
    private let limits: IngestLimits
    private let constantLabels: [String: String]
    private let nonNegativeMetrics: Set<String>
    private var rows = 0

    /// The latest time accepted, in milliseconds since the epoch.
    let latestTime: Int64

    init(context: DecodeContext) {
        limits = context.limits
        constantLabels = context.constantLabels
        nonNegativeMetrics = context.nonNegativeMetrics
        latestTime = context.now.milliseconds + context.limits.maxFuture.milliseconds
    }

    /// Reserves room for `samples` samples; callers pass a bound already derived from capped sizes.
    mutating func reserve(samples: Int) {
        batch.reserveCapacity(samples)
    }

    /// Counts one row (a CSV row, an NDJSON record, a JSON series entry) that starts at `location`,
    /// which is only worked out when the cap is exceeded.
    mutating func countRow(at location: @autoclosure () -> SourceLocation) throws(InputError) {
        rows += 1
        guard rows <= limits.maxRows else {
            throw InputError("expected at most \(limits.maxRows) rows (max_rows), found more", at: location())
        }
    }

    /// The labels of a row: `data` over the constant labels. Data wins on a conflict; an empty data value
    /// means the label is absent, so the constant one stays.
    func mergedLabels(_ data: [String: String]) -> [String: String] {
        var merged = constantLabels
        for (name, value) in data where !value.isEmpty { merged[name] = value }
        return merged
    }

    /// The series index of `metric` with `labels` (from ``mergedLabels(_:)``), created when new; the row's
    /// `location` is worked out only when the cap on distinct series is exceeded.
    mutating func series(
        metric: String, labels: [String: String], at location: @autoclosure () -> SourceLocation
    ) throws(InputError) -> Int32 {
        var named = labels
        named[LabelName.metricName] = metric
        let index = batch.index(of: Labels(named))
        guard batch.series.count <= limits.maxSeries else {
            throw InputError("expected at most \(limits.maxSeries) distinct series (max_series), found more", at: location())
        }
        return index
    }

    /// Whether `metric` is declared non-negative.
    func isNonNegative(_ metric: String) -> Bool {
        nonNegativeMetrics.contains(metric)
    }

    /// Refuses a negative value of a non-negative metric; `written` is the value as the file has it.
    func checkSign(_ value: Double, metric: String, written: @autoclosure () -> String) throws(CellError) {
        if value < 0, isNonNegative(metric) {
            throw CellError("expected a value of 0 or more for \(metric), which cannot be negative, found \(written())")
        }
    }

    /// Refuses a time beyond now + max_future.
    func checkTime(_ milliseconds: Int64) throws(CellError) {
        guard milliseconds <= latestTime else {
            let latest = Timestamp(milliseconds: latestTime).rfc3339
            let found = Timestamp(milliseconds: milliseconds).rfc3339
            throw CellError("expected a time no later than \(latest) (max_future \(limits.maxFuture) after now), found \(found)")
        }
    }

    /// Appends one sample; the caller has checked its value and time.
    @inline(__always)
    mutating func append(series: Int32, timestamp: Int64, value: Double) {
        batch.append(series: series, timestamp: timestamp, value: value)
    }
}
