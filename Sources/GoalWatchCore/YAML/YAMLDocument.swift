import Yams

/// Parsing of YAML text into ``YAMLNode`` trees whose nodes know their file, line and column.
public enum YAMLDocument {
    /// Parses `text`, the contents of the file `file` (as the user named it, for messages).
    ///
    /// - Returns: the root node, or `nil` for a document with no content (empty, or only comments).
    /// - Throws: ``InputErrors`` with the syntax error at its line and column. Non-scalar mapping keys and
    ///   other shapes this reader does not accept are all reported, not only the first.
    public static func parse(_ text: String, file: String) throws(InputErrors) -> YAMLNode? {
        let root: Node?
        do {
            // Scalars are read as text (each reader interprets its own), so no tag is resolved: the basic
            // resolver saves the pattern matching that resolving every key and value would cost.
            root = try Yams.compose(yaml: text, .basic)
        } catch let error as YamlError {
            throw InputErrors([YAMLSyntaxError.inputError(from: error, text: text, file: file)])
        } catch {
            throw InputErrors([InputError("invalid YAML: \(error)", at: SourceLocation(file: file, line: 1, column: 1))])
        }
        guard let root else { return nil }
        var errors: [InputError] = []
        let start = SourceLocation(file: file, line: 1, column: 1)
        let node = convert(root, file: file, fallback: start, errors: &errors)
        guard errors.isEmpty else { throw InputErrors(errors) }
        return node
    }

    private static func convert(_ node: Node, file: String, fallback: SourceLocation, errors: inout [InputError]) -> YAMLNode {
        let location = node.mark.map { SourceLocation(file: file, line: $0.line, column: $0.column) } ?? fallback
        switch node {
        case .scalar(let scalar):
            // An explicit tag (`!!str null`) makes a scalar a plain value no longer.
            let isPlain = scalar.style == .plain && scalar.tag.rawValue.isEmpty
            return YAMLNode(.scalar(ConfigScalar(text: scalar.string, location: location, isPlain: isPlain)), at: location)
        case .sequence(let sequence):
            let items = sequence.map { convert($0, file: file, fallback: location, errors: &errors) }
            return YAMLNode(.sequence(items), at: location)
        case .mapping(let mapping):
            var entries: [YAMLEntry] = []
            for (key, value) in mapping {
                let keyNode = convert(key, file: file, fallback: location, errors: &errors)
                let valueNode = convert(value, file: file, fallback: keyNode.location, errors: &errors)
                guard let keyScalar = keyNode.scalar, !keyScalar.isNull else {
                    errors.append(InputError("expected a key name\(keyNode.found)", at: keyNode.location))
                    continue
                }
                entries.append(YAMLEntry(key: keyScalar, value: valueNode))
            }
            return YAMLNode(.mapping(entries), at: location)
        case .alias:
            // Yams resolves aliases while composing; an alias node here would be a change in Yams.
            errors.append(InputError("expected a value, found an unresolved alias", at: location))
            return YAMLNode(.scalar(ConfigScalar(text: "", location: location, isPlain: true)), at: location)
        }
    }
}
