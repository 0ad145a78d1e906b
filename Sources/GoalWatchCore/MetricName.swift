/// Validation of metric and label names, following Prometheus' rules.
///
/// Label names match `[a-zA-Z_][a-zA-Z0-9_]*`; metric names additionally allow `:` (reserved for
/// recording rules, e.g. `goal:progress_ratio`). Names starting with `__` are reserved for internal use.
public enum MetricName {
    /// Whether `name` is a valid metric name: `[a-zA-Z_:][a-zA-Z0-9_:]*`.
    public static func isValid(_ name: String) -> Bool {
        isValid(name.utf8, allowColon: true)
    }

    static func isValid<C: Collection>(_ bytes: C, allowColon: Bool) -> Bool where C.Element == UInt8 {
        guard !bytes.isEmpty else { return false }
        var first = true
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "_"):
                break
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if first { return false }
            case UInt8(ascii: ":"):
                if !allowColon { return false }
            default:
                return false
            }
            first = false
        }
        return true
    }
}

/// Validation of label names, following Prometheus' rules: `[a-zA-Z_][a-zA-Z0-9_]*`.
public enum LabelName {
    /// The reserved label that carries a series' metric name.
    public static let metricName = "__name__"

    /// Whether `name` is a valid label name.
    public static func isValid(_ name: String) -> Bool {
        MetricName.isValid(name.utf8, allowColon: false)
    }
}
