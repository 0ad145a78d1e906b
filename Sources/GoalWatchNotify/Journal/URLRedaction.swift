/// Removes what may be secret from addresses in free text before it reaches the journal.
///
/// Webhook addresses carry their credentials in the path (Slack, Teams) or the query (`?token=`), and an
/// HTTP client's error text may quote the address it failed to reach. Every `scheme://…` in the text keeps
/// only its scheme and host (with port); user information, path, query and fragment become `…`:
/// `https://hooks.slack.com/services/T0/B0/XYZ` → `https://hooks.slack.com/…`.
enum URLRedaction {
    static func redact(_ text: String) -> String {
        var out = ""
        var rest = Substring(text)
        while let separator = rest.range(of: "://") {
            let schemeStart = rest[..<separator.lowerBound].lastIndex { !isSchemeCharacter($0) }
                .map { rest.index(after: $0) } ?? rest.startIndex
            let addressEnd = rest[separator.upperBound...].firstIndex(where: endsAddress) ?? rest.endIndex
            let authority = rest[separator.upperBound..<addressEnd]
            let hostEnd = authority.firstIndex { "/?#".contains($0) } ?? authority.endIndex
            var host = authority[..<hostEnd]
            if let at = host.lastIndex(of: "@") { host = host[host.index(after: at)...] }
            out += rest[..<schemeStart]
            out += rest[schemeStart..<separator.upperBound] + host
            if hostEnd != authority.endIndex || host.count != authority[..<hostEnd].count { out += "/…" }
            rest = rest[addressEnd...]
        }
        return out + rest
    }

    private static func isSchemeCharacter(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || "+-.".contains(character))
    }

    private static func endsAddress(_ character: Character) -> Bool {
        character.isWhitespace || "\"'<>`".contains(character)
    }
}
