/// A regular expression that must match a whole string, as Prometheus anchors label matchers.
struct AnchoredRegex: @unchecked Sendable {
    // Regex<AnyRegexOutput> is immutable after construction and matching does not mutate it;
    // the standard library does not yet declare it Sendable, hence the unchecked conformance.
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
