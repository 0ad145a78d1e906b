import Foundation

/// Reading of the url and headers of an http source. Both may hold secrets, so messages use
/// ``ConfigScalar/found``, which names the expansion instead of showing its value.
enum HTTPValues {
    /// An absolute `http` or `https` URL with a host; `example` shows one in the error.
    static func url(_ node: YAMLNode, example: String = "https://care.example/api/kpis.json") throws(InputError) -> Redactable {
        let expected = "an http(s) URL such as \(example)"
        let scalar = try node.scalar(expecting: expected)
        // Foundation quietly percent-encodes spaces; a URL written with one is a mistake in the file.
        guard !scalar.text.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 }),
              let url = URL(string: scalar.text),
              let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = url.host, !host.isEmpty
        else {
            throw InputError("expected \(expected)\(scalar.found)", at: node.location)
        }
        return Redactable(scalar)
    }

    /// Header name → value. Names are HTTP tokens, unique regardless of case; values have no line breaks.
    static func headers(_ node: YAMLNode, reader: inout YAMLReader) -> [String: Redactable]? {
        guard let entries = reader.read({ () throws(InputError) -> [YAMLEntry] in try node.entries() }) else { return nil }
        var headers: [String: Redactable] = [:]
        var seen: [String: ConfigScalar] = [:]
        for entry in entries {
            let name = entry.key
            guard !name.text.isEmpty, name.text.unicodeScalars.allSatisfy(isTokenCharacter) else {
                reader.report(InputError(
                    "expected a header name of letters, digits and !#$%&'*+-.^_`|~, found \(name.shown)", at: name.location))
                continue
            }
            if let first = seen[name.text.lowercased()] {
                reader.report(InputError(
                    "duplicate header '\(name.text)': '\(first.text)' at line \(first.location.line) is the same header (names ignore case)",
                    at: name.location))
                continue
            }
            seen[name.text.lowercased()] = name
            guard let value = reader.read({ () throws(InputError) -> ConfigScalar in try headerValue(entry.value) }) else { continue }
            headers[name.text] = Redactable(value)
        }
        return headers
    }

    private static func headerValue(_ node: YAMLNode) throws(InputError) -> ConfigScalar {
        let expected = "a header value on one line"
        let scalar = try node.scalar(expecting: expected)
        guard !scalar.text.unicodeScalars.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "\0" }) else {
            throw InputError("expected \(expected)\(scalar.found)", at: node.location)
        }
        return scalar
    }

    private static func isTokenCharacter(_ scalar: Unicode.Scalar) -> Bool {
        guard scalar.isASCII else { return false }
        return scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "!#$%&'*+-.^_`|~".unicodeScalars.contains(scalar)
    }
}
