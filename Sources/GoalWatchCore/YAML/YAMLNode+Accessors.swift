/// Typed reading of single nodes. Each accessor throws an ``InputError`` at the node's position,
/// worded "expected …, found …", and never shows the text of a secret scalar.
extension YAMLNode {
    /// The node as a scalar with a value (not null), or an error saying `expected <what>`.
    public func scalar(expecting what: String) throws(InputError) -> ConfigScalar {
        guard let scalar, !scalar.isNull else { throw InputError("expected \(what)\(found)", at: location) }
        return scalar
    }

    /// The node as a string scalar. Numbers and booleans are accepted as their text (`42`, `true`).
    public func stringScalar() throws(InputError) -> ConfigScalar {
        try scalar(expecting: "a string")
    }

    /// The node's text, as ``stringScalar()``.
    public func string() throws(InputError) -> String {
        try stringScalar().text
    }

    /// The node as a decimal integer, optionally signed (`42`, `-1`).
    public func int() throws(InputError) -> Int {
        let scalar = try scalar(expecting: "an integer")
        guard let value = Int(scalar.text) else { throw InputError("expected an integer\(scalar.found)", at: location) }
        return value
    }

    /// The node as an integer greater than zero.
    public func positiveInt() throws(InputError) -> Int {
        let scalar = try scalar(expecting: "a positive integer")
        guard let value = Int(scalar.text), value > 0 else {
            throw InputError("expected a positive integer\(scalar.found)", at: location)
        }
        return value
    }

    /// The node as a boolean: `true` or `false` (also capitalised or upper case, as YAML 1.2 allows).
    public func bool() throws(InputError) -> Bool {
        let scalar = try scalar(expecting: "true or false")
        switch scalar.text {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        default: throw InputError("expected true or false\(scalar.found)", at: location)
        }
    }

    /// The node as a duration in Prometheus' syntax (`30s`, `5m`, `1h30m`, `400d`), see ``TimeSpan``.
    public func duration() throws(InputError) -> TimeSpan {
        let expected = "a duration such as 30s, 5m or 1h30m"
        let scalar = try scalar(expecting: expected)
        guard let span = TimeSpan(scalar.text) else { throw InputError("expected \(expected)\(scalar.found)", at: location) }
        return span
    }

    /// The node as a duration longer than zero.
    public func positiveDuration() throws(InputError) -> TimeSpan {
        let expected = "a duration longer than zero such as 30s, 5m or 1h30m"
        let scalar = try scalar(expecting: expected)
        guard let span = TimeSpan(scalar.text), span.milliseconds > 0 else {
            throw InputError("expected \(expected)\(scalar.found)", at: location)
        }
        return span
    }

    /// The node as a number of bytes: `1048576`, `64KiB`, `256MiB`, `1GiB` (powers of 1024) or
    /// `500kB`, `1MB`, `2GB` (powers of 1000); see ``ByteSize``. Zero is refused.
    public func byteSize() throws(InputError) -> Int {
        let expected = "a byte size such as 256MiB, 1MB or 1048576"
        let scalar = try scalar(expecting: expected)
        guard let bytes = ByteSize.parse(scalar.text), bytes > 0 else {
            throw InputError("expected \(expected)\(scalar.found)", at: location)
        }
        return bytes
    }

    /// The node's text when it is one of `choices`, else an error listing them, with a "did you mean"
    /// when the text is close to one.
    public func choice(_ choices: [String]) throws(InputError) -> String {
        let expected = "one of " + choices.joined(separator: ", ")
        let scalar = try scalar(expecting: expected)
        guard choices.contains(scalar.text) else {
            var message = "expected \(expected)\(scalar.found)"
            if !scalar.isSecret, let suggestion = KeySuggestion.closest(to: scalar.text, among: choices) {
                message += " (did you mean '\(suggestion)'?)"
            }
            throw InputError(message, at: location)
        }
        return scalar.text
    }

    /// The node's items, when it is a sequence.
    public func sequence() throws(InputError) -> [YAMLNode] {
        guard case .sequence(let items) = content else { throw InputError("expected a list\(found)", at: location) }
        return items
    }

    /// The node's entries, when it is a mapping; unlike ``YAMLReader/mapping(_:allowedKeys:)`` any key goes.
    public func entries() throws(InputError) -> [YAMLEntry] {
        guard case .mapping(let entries) = content else { throw InputError("expected a mapping\(found)", at: location) }
        return entries
    }

    /// The node as a list of strings (`[a, b]` or `- a` lines); the first bad item is the error.
    public func stringList() throws(InputError) -> [ConfigScalar] {
        var strings: [ConfigScalar] = []
        for item in try sequence() {
            strings.append(try item.stringScalar())
        }
        return strings
    }

    /// The node as a mapping of strings to strings (`{Authorization: "Bearer …"}`), in document order;
    /// the first bad value is the error.
    public func stringMap() throws(InputError) -> [(key: ConfigScalar, value: ConfigScalar)] {
        var pairs: [(key: ConfigScalar, value: ConfigScalar)] = []
        for entry in try entries() {
            pairs.append((entry.key, try entry.value.stringScalar()))
        }
        return pairs
    }
}
