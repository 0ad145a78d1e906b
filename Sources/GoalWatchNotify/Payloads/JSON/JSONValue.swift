/// A JSON document as the payload renderers build it, written by ``JSONWriter``.
///
/// Objects keep their members in the order given, so each format can follow the order of the service
/// it imitates; ``sorted(_:)`` builds one whose keys are in code-point order, for bodies that must be
/// byte-for-byte reproducible.
enum JSONValue: Sendable {
    case null
    case bool(Bool)
    /// A number; NaN and the infinities are written as the strings `"NaN"`, `"+Inf"` and `"-Inf"`,
    /// as Prometheus' API writes sample values, since JSON has no literal for them.
    case number(Double)
    case integer(Int)
    case string(String)
    case array([JSONValue])
    /// Members in the order they are written; keys should be unique.
    case object([(key: String, value: JSONValue)])

    /// An object whose members are sorted by key, comparing Unicode code points (as Python's
    /// `sort_keys` and Go's map encoding do), so the order never depends on hashing or normalization.
    static func sorted(_ members: [String: JSONValue]) -> JSONValue {
        .object(members.sorted { JSONOutput.precedes($0.key, $1.key) }.map { (key: $0.key, value: $0.value) })
    }

    /// A label set or annotations: an object of strings, keys sorted.
    static func strings(_ map: [String: String]) -> JSONValue {
        sorted(map.mapValues { .string($0) })
    }

    /// A number, or `null` when absent.
    static func number(orNull value: Double?) -> JSONValue {
        value.map { .number($0) } ?? .null
    }

    /// A string, or `null` when absent.
    static func string(orNull value: String?) -> JSONValue {
        value.map { .string($0) } ?? .null
    }
}
