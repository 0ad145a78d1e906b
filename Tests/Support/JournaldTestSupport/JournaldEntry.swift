import Foundation

/// One journal entry as `journalctl -o json` prints it: every field with all of its values.
public struct JournaldEntry: Sendable {
    /// The values of each field, as bytes (a field may occur several times in one entry).
    public var fields: [String: [[UInt8]]]

    /// Reads one line of `journalctl -o json --all`, where a value is a string, an array of byte values
    /// (for binary data), `null`, or an array of those when the field repeats.
    public init(jsonLine: Data) throws {
        guard let object = try JSONSerialization.jsonObject(with: jsonLine) as? [String: Any] else {
            throw JournaldHarnessError("journalctl printed a line that is not a JSON object")
        }
        var fields: [String: [[UInt8]]] = [:]
        for (name, value) in object {
            if let list = value as? [Any], !Self.isByteArray(list) {
                fields[name] = list.compactMap(Self.bytes)
            } else {
                fields[name] = Self.bytes(value).map { [$0] } ?? []
            }
        }
        self.fields = fields
    }

    /// The first value of `name` as text, or `nil` when the entry has no such field.
    public subscript(name: String) -> String? { values(name).first }

    /// Every value of `name` as text, in the order journalctl printed them.
    public func values(_ name: String) -> [String] {
        (fields[name] ?? []).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The names of the fields the writer sent (journald's own fields begin with `_`).
    public var userFieldNames: Set<String> { Set(fields.keys.filter { !$0.hasPrefix("_") }) }

    private static func isByteArray(_ list: [Any]) -> Bool {
        !list.isEmpty && list.allSatisfy { $0 is NSNumber }
    }

    private static func bytes(_ value: Any) -> [UInt8]? {
        if let text = value as? String { return Array(text.utf8) }
        if let list = value as? [Any], isByteArray(list) {
            return list.compactMap { ($0 as? NSNumber)?.uint8Value }
        }
        return nil
    }
}
