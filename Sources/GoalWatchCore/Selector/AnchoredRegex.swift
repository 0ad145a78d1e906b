/// A regular expression that must match a whole string, as Prometheus anchors label matchers.
struct AnchoredRegex: @unchecked Sendable {
    // Regex<AnyRegexOutput> is a value whose only shared state is its lazily compiled program, which
    // the standard library publishes with an atomic compare-and-swap; matching mutates nothing else.
    // It is not declared Sendable (yet), hence the unchecked conformance.
    private let regex: Regex<AnyRegexOutput>

    init(_ pattern: String) throws(InputError) {
        do {
            regex = try Regex(pattern)
        } catch {
            throw InputError("expected a valid regular expression, found \"\(pattern)\": \(error)")
        }
    }

    func matchesWhole(_ text: String) -> Bool {
        (try? regex.wholeMatch(in: text)) != nil
    }
}
