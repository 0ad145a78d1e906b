/// GoalWatch's expression language: the subset of PromQL that DESIGN §5 lists.
///
/// Parsing is pure: it reads only the text it is handed and reports the first problem as an
/// ``InputError`` whose location is the line and column inside that text.
public enum PromQL {
    /// Parses and type-checks an expression as Prometheus does at parse time.
    ///
    /// - Throws: ``InputError`` with a location inside `text` (its `file` is empty) and a message
    ///   phrased "expected …, found …".
    public static func parse(_ text: String) throws(InputError) -> Expression {
        var parser = try Parser(text)
        return try parser.parseExpression()
    }

    /// What an expression evaluates to, named as Prometheus names it in messages.
    public enum ValueType: String, Sendable, Hashable, CustomStringConvertible {
        case scalar = "scalar"
        case instantVector = "instant vector"
        case rangeVector = "range vector"
        case string = "string"

        public var description: String { rawValue }
    }
}
