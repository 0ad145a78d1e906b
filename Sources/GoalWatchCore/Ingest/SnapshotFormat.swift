/// The encodings a snapshot can arrive in (DESIGN §4).
public enum SnapshotFormat: String, Sendable, Hashable, CaseIterable {
    /// GoalWatch's native, versioned JSON document.
    case json
    /// One JSON object a line.
    case ndjson
    /// A wide export as social tools produce it, mapped by ``CSVOptions``.
    case csv

    /// The format a file name implies by its extension (`.json`, `.ndjson`/`.jsonl`, `.csv`/`.tsv`), if any.
    public init?(fileExtension: String) {
        switch fileExtension.lowercased() {
        case "json": self = .json
        case "ndjson", "jsonl": self = .ndjson
        case "csv", "tsv", "txt": self = .csv
        default: return nil
        }
    }
}
