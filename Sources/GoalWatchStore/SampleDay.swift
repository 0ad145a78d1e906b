/// The day partition of the samples table: the UTC day of a timestamp, as days since 1970-01-01.
///
/// Samples are clustered by (day, series, time), so a snapshot's new hours append to the table's end
/// instead of touching a page per series; see the "v5 samples by day" migration in ``Schema``.
enum SampleDay {
    /// The length of a partition.
    static let milliseconds: Int64 = 86_400_000

    /// The day of the millisecond timestamp `time` (the floor of time / ``milliseconds``).
    static func of(_ time: Int64) -> Int64 {
        let (quotient, remainder) = time.quotientAndRemainder(dividingBy: milliseconds)
        return remainder < 0 ? quotient - 1 : quotient
    }
}
