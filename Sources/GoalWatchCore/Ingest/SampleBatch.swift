/// Samples decoded from one snapshot, in columns, ready to be stored in one transaction.
///
/// Columnar so that decoding millions of samples allocates a handful of arrays instead of one
/// object per sample: sample `i` belongs to series `series[seriesIndex[i]]`, at `timestamps[i]`
/// (milliseconds since the epoch), with `values[i]` (always finite).
public struct SampleBatch: Sendable, Equatable {
    /// The distinct series of the batch; each label set includes `__name__`.
    public private(set) var series: [Labels] = []
    /// For each sample, its series' index in ``series``.
    public private(set) var seriesIndex: [Int32] = []
    /// For each sample, its time in milliseconds since the epoch.
    public private(set) var timestamps: [Int64] = []
    /// For each sample, its value.
    public private(set) var values: [Double] = []
    private var indexByLabels: [Labels: Int32] = [:]

    public init() {}

    /// Number of samples.
    public var count: Int { values.count }

    /// Whether the batch holds no sample.
    public var isEmpty: Bool { values.isEmpty }

    /// The index of a series, adding it when new.
    public mutating func index(of labels: Labels) -> Int32 {
        if let index = indexByLabels[labels] { return index }
        let index = Int32(series.count)
        series.append(labels)
        indexByLabels[labels] = index
        return index
    }

    /// Appends one sample of the series at `index` (from ``index(of:)``).
    public mutating func append(series index: Int32, timestamp: Int64, value: Double) {
        seriesIndex.append(index)
        timestamps.append(timestamp)
        values.append(value)
    }

    /// Appends one sample of the series with `labels`.
    public mutating func append(_ labels: Labels, timestamp: Int64, value: Double) {
        append(series: index(of: labels), timestamp: timestamp, value: value)
    }

    /// Reserves room for `count` more samples.
    public mutating func reserveCapacity(_ count: Int) {
        seriesIndex.reserveCapacity(seriesIndex.count + count)
        timestamps.reserveCapacity(timestamps.count + count)
        values.reserveCapacity(values.count + count)
    }

    public static func == (lhs: SampleBatch, rhs: SampleBatch) -> Bool {
        lhs.series == rhs.series && lhs.seriesIndex == rhs.seriesIndex
            && lhs.timestamps == rhs.timestamps && lhs.values == rhs.values
    }
}
