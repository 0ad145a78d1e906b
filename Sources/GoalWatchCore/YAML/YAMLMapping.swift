/// A mapping whose keys were checked against the keys allowed at its place in the document.
///
/// Obtained from ``YAMLReader/mapping(_:allowedKeys:)``; unknown keys were reported there and are
/// still listed in ``entries``, so a caller can look at them (for a key of the wrong kind, say).
public struct YAMLMapping: Sendable, Hashable {
    /// Where the mapping starts.
    public var location: SourceLocation
    /// The entries, in document order.
    public var entries: [YAMLEntry]

    /// Creates a mapping view.
    public init(location: SourceLocation, entries: [YAMLEntry]) {
        self.location = location
        self.entries = entries
    }

    /// The entry for `key`, if the key is present (even with a null value).
    public func entry(_ key: String) -> YAMLEntry? {
        entries.first { $0.key.text == key }
    }

    /// The value of `key`; `nil` when the key is absent or its value is null (`key:` with nothing after it),
    /// so that both mean "use the default".
    public subscript(key: String) -> YAMLNode? {
        guard let value = entry(key)?.value, !value.isNull else { return nil }
        return value
    }
}
