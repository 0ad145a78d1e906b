/// Reads a ``YAMLNode`` tree into typed values while collecting every error it meets, so that a user
/// sees all the problems of a document at once rather than one per attempt.
///
/// A reader is a value: pass it `inout` through the functions that read parts of a document, then
/// call ``finish()``. Values that failed to read come back as `nil`; their errors are in ``errors``.
public struct YAMLReader: Sendable {
    /// The errors found so far, in the order they were found.
    public private(set) var errors: [InputError] = []

    /// Creates a reader with no errors.
    public init() {}

    /// Records an error and goes on.
    public mutating func report(_ error: InputError) {
        errors.append(error)
    }

    /// Runs `read`; when it throws, records the error and returns `nil`.
    public mutating func read<T>(_ read: () throws(InputError) -> T) -> T? {
        do {
            return try read()
        } catch {
            errors.append(error)
            return nil
        }
    }

    /// Reads `node` with `read` when the node is present; `nil` when it is absent or fails to read.
    public mutating func read<T>(_ node: YAMLNode?, _ read: (YAMLNode) throws(InputError) -> T) -> T? {
        guard let node else { return nil }
        return self.read { () throws(InputError) -> T in try read(node) }
    }

    /// The node as a mapping, with every key not in `allowedKeys` reported at its line and column together
    /// with the allowed keys and, when one is close, a "did you mean" suggestion.
    ///
    /// - Parameter misplacedKeys: keys that are valid elsewhere but not here, each with the message to
    ///   report instead of "unknown key" (`"key 'url' is only for http sources; …"`).
    /// - Returns: the mapping (unknown keys included), or `nil` when the node is not a mapping.
    public mutating func mapping(
        _ node: YAMLNode, allowedKeys: [String], misplacedKeys: [String: String] = [:]
    ) -> YAMLMapping? {
        guard let entries = read({ () throws(InputError) -> [YAMLEntry] in try node.entries() }) else { return nil }
        let allowed = Set(allowedKeys)
        for entry in entries where !allowed.contains(entry.key.text) {
            if let message = misplacedKeys[entry.key.text] {
                report(InputError(message, at: entry.key.location))
            } else {
                report(Self.unknownKey(entry.key, allowedKeys: allowedKeys))
            }
        }
        return YAMLMapping(location: node.location, entries: entries)
    }

    /// The value of a key that must be present; a missing (or null) key is reported at the mapping.
    ///
    /// - Parameter what: what the key holds, for the message: `"the source's name"`.
    public mutating func required(_ key: String, in mapping: YAMLMapping, what: String) -> YAMLNode? {
        if let value = mapping[key] { return value }
        report(InputError("missing key '\(key)': expected \(what)", at: mapping.entry(key)?.key.location ?? mapping.location))
        return nil
    }

    /// The items of a sequence, each read by `element`; errors of all items are recorded.
    ///
    /// - Returns: the values read, or `nil` when the node is not a list or any item failed.
    public mutating func list<T>(_ node: YAMLNode, _ element: (inout YAMLReader, YAMLNode) -> T?) -> [T]? {
        guard let items = read({ () throws(InputError) -> [YAMLNode] in try node.sequence() }) else { return nil }
        var values: [T] = []
        var failed = false
        for item in items {
            if let value = element(&self, item) { values.append(value) } else { failed = true }
        }
        return failed ? nil : values
    }

    /// Throws the errors recorded, if there are any, in the order of their positions in the file.
    ///
    /// Only the first error found at a position is kept: a later one there follows from it (a value that
    /// failed to expand is also not a valid URL) and would only distract.
    public func finish() throws(InputErrors) {
        guard !errors.isEmpty else { return }
        var seen: Set<SourceLocation> = []
        let firsts = errors.filter { error in error.location.map { seen.insert($0).inserted } ?? true }
        // Stable: errors without a position keep the order they were found in, first.
        let ordered = firsts.enumerated().sorted { left, right in
            let (l, r) = (left.element.location, right.element.location)
            return (l?.line ?? 0, l?.column ?? 0, left.offset) < (r?.line ?? 0, r?.column ?? 0, right.offset)
        }
        throw InputErrors(ordered.map(\.element))
    }

    static func unknownKey(_ key: ConfigScalar, allowedKeys: [String]) -> InputError {
        var message = "unknown key '\(key.text)'"
        if let suggestion = KeySuggestion.closest(to: key.text, among: allowedKeys) {
            message += " (did you mean '\(suggestion)'?)"
        }
        message += allowedKeys.isEmpty ? "; no keys are allowed here" : "; allowed keys here: \(allowedKeys.joined(separator: ", "))"
        return InputError(message, at: key.location)
    }
}
