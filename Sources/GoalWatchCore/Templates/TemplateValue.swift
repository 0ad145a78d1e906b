/// A value inside a template: what `$labels`, `$value`, literals and function results are.
public enum TemplateValue: Sendable, Hashable {
    case string(String)
    case number(Double)
    case bool(Bool)
    /// A name → value map, such as `$labels`; ranged over in key order.
    case map([String: String])
    case list([TemplateValue])
    /// A structure with named fields, such as the data an alert template sees as `.`.
    case record([String: TemplateValue])
    /// Go's nil: a missing value.
    case null

    /// Go's truth: false, 0, nil and empty strings, maps and lists are false.
    var isTruthy: Bool {
        switch self {
        case .string(let text): return !text.isEmpty
        case .number(let number): return number != 0
        case .bool(let flag): return flag
        case .map(let map): return !map.isEmpty
        case .list(let list): return !list.isEmpty
        case .record: return true
        case .null: return false
        }
    }

    /// The value as Go's `{{ . }}` and `print` show it (`%v`).
    var printed: String {
        switch self {
        case .string(let text): return text
        case .number(let number): return GoFloatFormat.shortest(number)
        case .bool(let flag): return flag ? "true" : "false"
        case .map(let map): return "map[" + map.keys.sorted().map { "\($0):\(map[$0] ?? "")" }.joined(separator: " ") + "]"
        case .list(let list): return "[" + list.map(\.printed).joined(separator: " ") + "]"
        case .record(let fields): return "{" + fields.keys.sorted().compactMap { fields[$0]?.printed }.joined(separator: " ") + "}"
        case .null: return "<no value>"
        }
    }

    /// A name for the kind of value, for error messages.
    var kindName: String {
        switch self {
        case .string: return "string"
        case .number: return "number"
        case .bool: return "bool"
        case .map: return "map"
        case .list: return "list"
        case .record: return "record"
        case .null: return "nil"
        }
    }
}
