import GoalWatchCore

/// The entry point for turning a snapshot's bytes into samples, whatever its format (DESIGN §4).
///
/// Decoding is pure: no I/O, no clock (the context carries `now`), safe to call from any task.
/// A snapshot is accepted whole or refused whole: on the first problem an ``InputError`` names the
/// snapshot (`context.sourceName`), the line and, where known, the column, and no batch is returned.
public enum SnapshotDecoding {
    /// Picks the decoder for `format`; `csv` is required for ``SnapshotFormat/csv`` and ignored otherwise.
    ///
    /// Callers that decode many files of one CSV source should keep one ``CSVSnapshotDecoder`` instead,
    /// which compiles the mapping's pattern and expressions once.
    public static func decode(
        _ bytes: [UInt8], format: SnapshotFormat, csv: CSVOptions?, context: DecodeContext
    ) throws(InputError) -> SampleBatch {
        switch format {
        case .json:
            return try JSONSnapshotDecoder().decode(bytes, context: context)
        case .ndjson:
            return try NDJSONSnapshotDecoder().decode(bytes, context: context)
        case .csv:
            guard let csv else {
                throw InputError("expected a csv: mapping (timestamp column and metrics) for a CSV source, found none")
            }
            return try CSVSnapshotDecoder(options: csv).decode(bytes, context: context)
        }
    }
}
