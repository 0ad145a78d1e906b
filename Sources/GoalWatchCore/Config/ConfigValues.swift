import Foundation

/// Reading of the domain values configuration and rule files share: names, time zones, patterns.
extension YAMLNode {
    /// A string that is not empty.
    func nonEmptyString(expecting what: String) throws(InputError) -> String {
        let scalar = try scalar(expecting: what)
        guard !scalar.text.isEmpty else {
            throw InputError("expected \(what)\(scalar.isSecret ? scalar.found : ", found an empty string")", at: location)
        }
        return scalar.text
    }

    /// A label name: `[a-zA-Z_][a-zA-Z0-9_]*`, not starting with `__` (reserved for GoalWatch itself).
    func labelName() throws(InputError) -> String {
        try name(expected: "a label name ([a-zA-Z_][a-zA-Z0-9_]*, not starting with __)", isValid: LabelName.isValid)
    }

    /// A metric name: `[a-zA-Z_:][a-zA-Z0-9_:]*`, not starting with `__`.
    func metricName() throws(InputError) -> String {
        try name(expected: "a metric name ([a-zA-Z_:][a-zA-Z0-9_:]*, not starting with __)", isValid: MetricName.isValid)
    }

    /// A name that `isValid` accepts and that does not start with the reserved `__`.
    private func name(expected: String, isValid: (String) -> Bool) throws(InputError) -> String {
        let scalar = try scalar(expecting: expected)
        guard isValid(scalar.text), !scalar.text.hasPrefix("__") else {
            throw InputError("expected \(expected)\(scalar.found)", at: location)
        }
        return scalar.text
    }

    /// An IANA time zone name that this system knows (`Europe/Istanbul`, `UTC`).
    func timeZone() throws(InputError) -> TimeZone {
        let expected = "an IANA time zone name such as Europe/Istanbul or UTC"
        let scalar = try scalar(expecting: expected)
        guard let zone = TimeZone(identifier: scalar.text) else {
            var message = "expected \(expected)\(scalar.found)"
            if !scalar.isSecret,
               let suggestion = KeySuggestion.closest(to: scalar.text, among: TimeZone.knownTimeZoneIdentifiers) {
                message += " (did you mean '\(suggestion)'?)"
            }
            throw InputError(message, at: location)
        }
        return zone
    }

    /// A regular expression in Swift's `Regex` syntax (a superset of the common Perl/RE2 subset),
    /// checked by compiling it.
    func regularExpression() throws(InputError) -> String {
        let scalar = try scalar(expecting: "a regular expression")
        do {
            _ = try Regex(scalar.text)
        } catch {
            // The compiler's explanation quotes the pattern, so a secret pattern gets none.
            let reason = scalar.isSecret ? "" : ": \(error)"
            throw InputError("expected a regular expression\(scalar.found)\(reason)", at: location)
        }
        return scalar.text
    }
}
