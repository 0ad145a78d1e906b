/// Caps that protect the daemon from hostile or broken inputs; checked before memory is allocated.
///
/// A snapshot over any cap is refused whole, with the cap named in the reason.
public struct IngestLimits: Sendable, Hashable {
    /// Largest file (or HTTP body) accepted, in bytes. Default 256 MiB.
    public var maxFileBytes: Int
    /// Longest line (CSV physical line, NDJSON record), in bytes. Default 1 MiB.
    public var maxLineBytes: Int
    /// Most data rows (CSV rows, NDJSON records, JSON series entries) in one snapshot. Default 5,000,000.
    public var maxRows: Int
    /// Most distinct series in one snapshot. Default 1,000,000.
    public var maxSeries: Int
    /// How far ahead of now a sample's time may be before it is refused. Default 1h.
    public var maxFuture: TimeSpan

    public init(
        maxFileBytes: Int = 256 << 20,
        maxLineBytes: Int = 1 << 20,
        maxRows: Int = 5_000_000,
        maxSeries: Int = 1_000_000,
        maxFuture: TimeSpan = .hours(1)
    ) {
        self.maxFileBytes = maxFileBytes
        self.maxLineBytes = maxLineBytes
        self.maxRows = maxRows
        self.maxSeries = maxSeries
        self.maxFuture = maxFuture
    }
}
