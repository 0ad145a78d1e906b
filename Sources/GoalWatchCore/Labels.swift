/// One label: a name and its value.
public struct Label: Hashable, Sendable, Comparable {
    /// The label's name (`network`), or `__name__` for the metric name.
    public var name: String
    /// The label's value; never empty inside a ``Labels`` set.
    public var value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }

    public static func < (lhs: Label, rhs: Label) -> Bool {
        lhs.name != rhs.name ? lhs.name < rhs.name : lhs.value < rhs.value
    }
}

/// An immutable set of labels, sorted by name, with at most one value per name and no empty values.
///
/// A series is identified by its labels including `__name__` (the metric name), as in Prometheus.
/// An empty value means "label absent", so it is dropped on construction, again as in Prometheus.
public struct Labels: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The labels, sorted by name (byte order), names unique.
    public let elements: [Label]

    /// The empty label set.
    public static let empty = Labels(sortedUnique: [])

    init(sortedUnique elements: [Label]) {
        self.elements = elements
    }

    /// Builds a label set; when a name repeats, the last value wins. Empty values are dropped.
    public init(_ pairs: [(String, String)]) {
        var byName: [String: String] = [:]
        for (name, value) in pairs { byName[name] = value }
        self.init(byName)
    }

    /// Builds a label set from a dictionary. Empty values are dropped.
    public init(_ dictionary: [String: String]) {
        elements = dictionary
            .filter { !$0.value.isEmpty }
            .map { Label($0.key, $0.value) }
            .sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
    }

    /// The metric name (`__name__`), if set.
    public var metricName: String? { self[LabelName.metricName] }

    /// The value of label `name`, or `nil` when absent.
    public subscript(name: String) -> String? {
        // Label sets are small (usually < 10), so a linear scan beats hashing.
        for label in elements where label.name == name { return label.value }
        return nil
    }

    /// The labels as a dictionary.
    public var dictionary: [String: String] {
        Dictionary(uniqueKeysWithValues: elements.map { ($0.name, $0.value) })
    }

    /// A copy with `name` set to `value` (removed when `value` is empty).
    public func setting(_ name: String, to value: String) -> Labels {
        var copy = elements.filter { $0.name != name }
        if !value.isEmpty {
            copy.append(Label(name, value))
            copy.sort { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        }
        return Labels(sortedUnique: copy)
    }

    /// A copy without the named labels.
    public func removing(_ names: Set<String>) -> Labels {
        Labels(sortedUnique: elements.filter { !names.contains($0.name) })
    }

    /// A copy with only the named labels.
    public func keeping(_ names: Set<String>) -> Labels {
        Labels(sortedUnique: elements.filter { names.contains($0.name) })
    }

    /// A copy without `__name__`.
    public var withoutMetricName: Labels { removing([LabelName.metricName]) }

    /// A stable 64-bit hash of the sorted labels (FNV-1a over name, 0xFF, value, 0xFF …).
    ///
    /// Stable across processes and releases, unlike `hashValue`, so it can be stored and shown.
    public var fingerprint: UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for label in elements {
            for byte in label.name.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
            hash = (hash ^ 0xFF) &* 0x0000_0100_0000_01B3
            for byte in label.value.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
            hash = (hash ^ 0xFF) &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    /// Prometheus' text form: `name{a="x", b="y"}`, values escaped as in the exposition format.
    public var description: String {
        let rest = elements.filter { $0.name != LabelName.metricName }
        let body = rest.map { "\($0.name)=\"\(Labels.escape($0.value))\"" }.joined(separator: ", ")
        let name = metricName ?? ""
        if rest.isEmpty { return name.isEmpty ? "{}" : name }
        return "\(name){\(body)}"
    }

    /// Escapes backslash, double quote and newline as Prometheus does in label values.
    public static func escape(_ value: String) -> String {
        guard value.utf8.contains(where: { $0 == 0x5C || $0 == 0x22 || $0 == 0x0A }) else { return value }
        var out = ""
        out.reserveCapacity(value.utf8.count + 4)
        for character in value.unicodeScalars {
            switch character {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }

    /// Orders label sets label by label, as Prometheus sorts series.
    public static func < (lhs: Labels, rhs: Labels) -> Bool {
        for (left, right) in zip(lhs.elements, rhs.elements) where left != right {
            if left.name != right.name { return left.name.utf8.lexicographicallyPrecedes(right.name.utf8) }
            return left.value.utf8.lexicographicallyPrecedes(right.value.utf8)
        }
        return lhs.elements.count < rhs.elements.count
    }
}
