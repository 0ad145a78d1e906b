/// A condition on one label, as in PromQL: `name="v"`, `name!="v"`, `name=~"re"`, `name!~"re"`.
///
/// Regular expressions are fully anchored, as in Prometheus: `=~"insta"` does not match `instagram`.
/// An absent label matches as the empty string, so `account=""` selects series without `account`.
public struct LabelMatcher: Sendable, Hashable, CustomStringConvertible {
    /// How the value is compared.
    public enum Kind: String, Sendable, Hashable {
        case equal = "="
        case notEqual = "!="
        case matchesRegex = "=~"
        case doesNotMatchRegex = "!~"
    }

    public let name: String
    public let kind: Kind
    public let value: String
    private let regex: AnchoredRegex?

    /// Builds a matcher; throws ``InputError`` when a regular expression does not compile.
    public init(name: String, kind: Kind, value: String) throws(InputError) {
        self.name = name
        self.kind = kind
        self.value = value
        switch kind {
        case .equal, .notEqual: regex = nil
        case .matchesRegex, .doesNotMatchRegex: regex = try AnchoredRegex(value)
        }
    }

    /// Whether a label value (`nil` when the label is absent) satisfies the matcher.
    public func matches(_ labelValue: String?) -> Bool {
        let text = labelValue ?? ""
        switch kind {
        case .equal: return text == value
        case .notEqual: return text != value
        case .matchesRegex: return regex?.matchesWhole(text) ?? false
        case .doesNotMatchRegex: return !(regex?.matchesWhole(text) ?? false)
        }
    }

    /// Whether this matcher matches the empty string (so it also selects series without the label).
    public var matchesEmpty: Bool { matches(nil) }

    public var description: String { "\(name)\(kind.rawValue)\"\(Labels.escape(value))\"" }

    public static func == (lhs: LabelMatcher, rhs: LabelMatcher) -> Bool {
        lhs.name == rhs.name && lhs.kind == rhs.kind && lhs.value == rhs.value
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(kind)
        hasher.combine(value)
    }
}
