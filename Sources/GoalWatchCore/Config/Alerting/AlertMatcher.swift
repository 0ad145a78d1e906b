/// A condition on one label of an alert, as Alertmanager writes it in routes, inhibition rules and
/// silences: `team="care"`, `severity!="info"`, `severity=~"warning|critical"`, `network!~"x|tiktok"`.
///
/// Regular expressions match the whole value, as Alertmanager anchors them (`^(?:…)$`): `=~"warn"`
/// does not match `warning`. A label the alert does not have matches as the empty string, so
/// `team=""` matches alerts without `team` and `team!=""` those with one.
public struct AlertMatcher: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// How the label's value is compared with ``value``.
    public enum Operator: String, Sendable, Hashable, CaseIterable {
        /// The value equals.
        case equal = "="
        /// The value differs.
        case notEqual = "!="
        /// The whole value matches the regular expression.
        case matchesRegex = "=~"
        /// The whole value does not match the regular expression.
        case notMatchesRegex = "!~"

        /// Alertmanager's order of match types, used to sort matchers.
        var rank: Int {
            switch self {
            case .equal: 0
            case .notEqual: 1
            case .matchesRegex: 2
            case .notMatchesRegex: 3
            }
        }
    }

    /// The label's name.
    public let name: String
    /// The comparison.
    public let op: Operator
    /// The value compared with, or the regular expression (unanchored, as written).
    public let value: String
    private let regex: AnchoredRegex?

    /// Builds a matcher.
    /// - Throws: ``InputError`` (without a position) when `name` is not a label name
    ///   (`[a-zA-Z_][a-zA-Z0-9_]*`) or a regular expression does not compile; the message includes the
    ///   regular expression engine's explanation.
    public init(name: String, op: Operator, value: String) throws(InputError) {
        guard LabelName.isValid(name) else {
            throw InputError("expected a label name ([a-zA-Z_][a-zA-Z0-9_]*), found \(quoted(name))")
        }
        self.name = name
        self.op = op
        self.value = value
        switch op {
        case .equal, .notEqual: regex = nil
        case .matchesRegex, .notMatchesRegex: regex = try AnchoredRegex(value)
        }
    }

    /// Whether the value of the label in `labels` (the empty string when absent) satisfies the matcher.
    public func matches(_ labels: [String: String]) -> Bool {
        matches(value: labels[name] ?? "")
    }

    /// Whether a label value satisfies the matcher.
    public func matches(value text: String) -> Bool {
        switch op {
        case .equal: return text == value
        case .notEqual: return text != value
        case .matchesRegex: return regex?.matchesWhole(text) ?? false
        case .notMatchesRegex: return !(regex?.matchesWhole(text) ?? false)
        }
    }

    /// Whether the matcher matches the empty string, that is alerts without the label too.
    public var matchesEmpty: Bool { matches(value: "") }

    /// The canonical text, as Alertmanager prints a matcher: the name, the operator and the value in
    /// double quotes with `\`, `"` and line feeds escaped (`team="care"`, `msg="say \"hi\""`).
    /// ``parse(_:)`` reads it back to an equal matcher.
    public var description: String {
        var escaped = ""
        for character in value.unicodeScalars {
            switch character {
            case "\\": escaped += "\\\\"
            case "\"": escaped += "\\\""
            case "\n": escaped += "\\n"
            default: escaped.unicodeScalars.append(character)
            }
        }
        return "\(name)\(op.rawValue)\"\(escaped)\""
    }

    /// Alertmanager's order: by name, then value, then operator (`=`, `!=`, `=~`, `!~`). Routes and
    /// inhibition rules keep their matchers in this order, as group keys show them.
    public static func < (lhs: AlertMatcher, rhs: AlertMatcher) -> Bool {
        // Byte order, as Go compares strings.
        if lhs.name != rhs.name { return lhs.name.utf8.lexicographicallyPrecedes(rhs.name.utf8) }
        if lhs.value != rhs.value { return lhs.value.utf8.lexicographicallyPrecedes(rhs.value.utf8) }
        return lhs.op.rank < rhs.op.rank
    }

    /// Matchers are equal when name, operator and value are.
    public static func == (lhs: AlertMatcher, rhs: AlertMatcher) -> Bool {
        lhs.name == rhs.name && lhs.op == rhs.op && lhs.value == rhs.value
    }

    /// Hashes name, operator and value.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(op)
        hasher.combine(value)
    }
}

extension AlertMatcher: Codable {
    /// Encodes the matcher as its canonical text (``description``).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// Decodes a matcher from its text, read as ``parse(_:)`` reads it.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            self = try AlertMatcher.parse(text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.message)
        }
    }
}
