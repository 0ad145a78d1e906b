import GoalWatchCore

/// Decodes wide CSV exports (one row per time and label combination, one column per metric) into
/// samples, as a source's ``CSVOptions`` map them (DESIGN §4).
///
/// The header row is required (after an optional UTF-8 byte order mark and leading comment lines);
/// rows end in LF or CRLF and follow RFC 4180 quoting; the delimiter is detected from the header line
/// unless set. Empty cells and `na_values` are missing samples. Any error refuses the whole file with
/// its line (the line a row starts on) and, where it helps, the column's header name.
///
/// The mapping is checked when the decoder is made; a bad mapping (unsupported pattern letter, unknown
/// time zone, invalid `skip_rows` expression or names) is reported by ``mappingError`` and thrown,
/// without a location, by every ``decode(_:context:)``.
public struct CSVSnapshotDecoder: Sendable {
    private let mapping: Result<CSVMapping, InputError>

    /// Prepares the decoder for `options`, compiling its timestamp pattern and `skip_rows` expression once.
    public init(options: CSVOptions) {
        do {
            mapping = .success(try CSVMapping(options))
        } catch {
            mapping = .failure(error)
        }
    }

    /// Why the mapping itself is unusable, or `nil` when it is fine; lets a config check report it early.
    public var mappingError: InputError? {
        if case .failure(let error) = mapping { return error }
        return nil
    }

    /// Decodes a whole CSV file; throws an ``InputError`` naming `context.sourceName` and the line at the
    /// first problem, and returns no samples then.
    public func decode(_ bytes: [UInt8], context: DecodeContext) throws(InputError) -> SampleBatch {
        let mapping = try mapping.get()
        return try bytes.withUnsafeBufferPointer { (buffer) throws(InputError) -> SampleBatch in
            var decoding = CSVDecoding(mapping: mapping, bytes: buffer, context: context)
            return try decoding.run()
        }
    }
}
