import Yams

/// Turns Yams' parse errors into ``InputError``s at the user's file, line and column.
enum YAMLSyntaxError {
    static func inputError(from error: YamlError, text: String, file: String) -> InputError {
        func at(_ mark: Mark) -> SourceLocation {
            SourceLocation(file: file, line: mark.line, column: mark.column)
        }
        func message(_ problem: String, _ context: YamlError.Context?) -> String {
            guard let context else { return "invalid YAML: \(problem)" }
            return "invalid YAML: \(problem) (\(context.text) at \(context.mark.line):\(context.mark.column))"
        }
        switch error {
        case .scanner(let context, let problem, let mark, _):
            return InputError(message(problem, context), at: at(mark))
        case .parser(let context, let problem, let mark, _):
            return InputError(message(problem, context), at: at(mark))
        case .composer(let context, let problem, let mark, _):
            return InputError(message(problem, context), at: at(mark))
        case .reader(let problem, let offset, _, _):
            let position = offset.map { Self.location(ofCharacterOffset: $0, in: text, file: file) }
            return InputError("invalid YAML: \(problem)", at: position ?? SourceLocation(file: file, line: 1, column: 1))
        case .duplicatedKeysInMapping(let duplicates, let context):
            return duplicateKey(duplicates.first ?? "", firstAt: at(context.mark), text: text)
        default:
            return InputError("invalid YAML: \(error)", at: SourceLocation(file: file, line: 1, column: 1))
        }
    }

    /// Reports a repeated key at its second occurrence, naming the first.
    ///
    /// Yams only tells where the first occurrence is. In block style the repeat starts at the same column
    /// further down, before any other mapping at that column can begin, so the first such line is it.
    /// In flow style (`{a: 1, a: 2}`) the search finds nothing and the first occurrence is reported.
    private static func duplicateKey(_ key: String, firstAt first: SourceLocation, text: String) -> InputError {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var lineNumber = first.line
        while lineNumber < lines.count {
            let scalars = Array(lines[lineNumber].unicodeScalars)
            lineNumber += 1
            let start = first.column - 1
            guard start < scalars.count,
                  scalars[..<start].allSatisfy({ $0 == " " || $0 == "-" }),
                  startsWithKey(key, scalars[start...])
            else { continue }
            return InputError(
                "duplicate key '\(key)': it is already set at \(first.line):\(first.column); a key may appear once in a mapping",
                at: SourceLocation(file: first.file, line: lineNumber, column: first.column))
        }
        return InputError("duplicate key '\(key)': a key may appear once in a mapping", at: first)
    }

    private static func startsWithKey(_ key: String, _ scalars: ArraySlice<Unicode.Scalar>) -> Bool {
        for candidate in [key, "\"\(key)\"", "'\(key)'"] {
            let keyScalars = Array(candidate.unicodeScalars)
            guard scalars.count > keyScalars.count, scalars.prefix(keyScalars.count).elementsEqual(keyScalars) else { continue }
            let rest = scalars.dropFirst(keyScalars.count).drop { $0 == " " }
            if rest.first == ":" { return true }
        }
        return false
    }

    /// The 1-based line and column (in Unicode scalars) of the character at `offset`.
    static func location(ofCharacterOffset offset: Int, in text: String, file: String) -> SourceLocation {
        var line = 1
        var column = 1
        for character in text.prefix(offset) {
            if character.isNewline {
                line += 1
                column = 1
            } else {
                column += character.unicodeScalars.count
            }
        }
        return SourceLocation(file: file, line: line, column: column)
    }
}
