import Logging

/// The metadata of one log record as flat `(path, text)` pairs, the shape both log handlers write.
///
/// Rule: a dictionary value is flattened, its keys appended to the path
/// (`["request": ["id": "7"]]` gives `(["request", "id"], "7")`); an empty dictionary adds nothing.
/// Strings and string-convertible values are their text; an array is rendered as swift-log's text
/// of it (`["a", "b"]`). Pairs are ordered by path so output is stable.
struct LogMetadataFlattening {
    /// One flattened value.
    struct Entry: Equatable {
        var path: [String]
        var text: String
    }

    /// Merges the handler's metadata, then the provider's, then the record's (later ones win per key), and
    /// flattens the result.
    static func entries(
        handler: Logger.Metadata, provider: Logger.MetadataProvider?, record: Logger.Metadata?
    ) -> [Entry] {
        var merged = handler
        if let provider { merged.merge(provider.get()) { _, new in new } }
        if let record { merged.merge(record) { _, new in new } }
        var entries: [Entry] = []
        flatten(merged, path: [], into: &entries)
        return entries
    }

    private static func flatten(_ metadata: Logger.Metadata, path: [String], into entries: inout [Entry]) {
        for key in metadata.keys.sorted() {
            guard let value = metadata[key] else { continue }
            switch value {
            case .dictionary(let nested):
                flatten(nested, path: path + [key], into: &entries)
            case .string, .stringConvertible, .array:
                entries.append(Entry(path: path + [key], text: value.description))
            }
        }
    }
}
