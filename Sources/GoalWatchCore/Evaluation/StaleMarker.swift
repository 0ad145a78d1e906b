/// Prometheus' staleness marker: a NaN with a fixed bit pattern that ends a series at its time.
///
/// Instant selectors find no value from a marker on until the next real sample; range selectors skip
/// markers. `goalwatch test` writes one for `stale` in `input_series`.
public enum StaleMarker {
    /// The marker's bits, as Prometheus defines them.
    public static let bitPattern: UInt64 = 0x7ff0_0000_0000_0002
    /// The marker as a value.
    public static let value = Double(bitPattern: bitPattern)

    /// Whether `value` is the marker (an ordinary NaN is not).
    @inline(__always)
    public static func isMarker(_ value: Double) -> Bool { value.bitPattern == bitPattern }
}
