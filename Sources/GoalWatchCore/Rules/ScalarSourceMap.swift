/// Maps positions inside a YAML scalar's value (an expression, a template) back to the file it was
/// written in, so that an error found inside the value is reported at the file's line and column.
///
/// The map is built by reading the scalar again from the file text in its own style and recording where
/// each character of the value comes from:
/// - plain scalars: one line or several (folded into one with spaces);
/// - single-quoted (`''` is one quote) and double-quoted scalars (escapes such as `\n` or `\u00e9` map
///   to their backslash; a `\` at the end of a line joins the lines);
/// - literal block scalars (`|`, `|-`, `|+`, `|2`): the value's line N is the file's line N after the
///   header, at the block's indentation;
/// - folded block scalars (`>`): lines joined by a space map the space to the end of the first line.
///
/// Limits: when the value read back does not equal the parsed value (an alias, a tag Yams resolves
/// differently, a construct this reader does not follow), positions fall back to the scalar's start,
/// shifted by the column on the value's first line for plain scalars. Columns count Unicode scalars.
struct ScalarSourceMap {
    /// The file position of each Unicode scalar of the value, then one more for just past its end;
    /// empty when the value could not be followed in the file.
    private let positions: [SourceLocation]
    /// Index into ``positions`` where each line of the value starts.
    private let lineStarts: [Int]
    /// Where the scalar starts in the file.
    private let start: SourceLocation
    private let isPlain: Bool

    /// - Parameters:
    ///   - scalar: the scalar as parsed, with its location.
    ///   - lines: the file's lines, as Unicode scalars without line ends.
    ///   - parentIndent: the indentation of the mapping the scalar is a value of (its key's column − 1);
    ///     needed only for block scalars with an explicit indentation indicator (`|2`).
    init(_ scalar: ConfigScalar, lines: SourceLines, parentIndent: Int? = nil) {
        start = scalar.location
        let value = Array(scalar.text.unicodeScalars)
        var starts = [0]
        for (index, character) in value.enumerated() where character == "\n" { starts.append(index + 1) }
        lineStarts = starts
        var reader = ScalarReader(lines: lines.lines, limit: value.count)
        let style = reader.readStyle(at: scalar.location)
        isPlain = style == .plain
        reader.read(style, parentIndent: parentIndent)
        if reader.characters.count >= value.count, reader.characters.prefix(value.count).elementsEqual(value) {
            let file = scalar.location.file
            // The end of a value that ends in a line break is the end of its last line, where an editor
            // shows "end of expression", not the start of the line after.
            var end = reader.end
            if let last = reader.positions.prefix(value.count).last { end = value.last == "\n" ? last : last.next }
            positions = (reader.positions.prefix(value.count) + [end]).map {
                SourceLocation(file: file, line: $0.line + 1, column: $0.column + 1)
            }
        } else {
            positions = []
        }
    }

    /// The file location of a 1-based line and column inside the value.
    func location(line: Int, column: Int) -> SourceLocation {
        guard !positions.isEmpty, line >= 1, line <= lineStarts.count else {
            let shift = isPlain && line == 1 ? max(column - 1, 0) : 0
            return SourceLocation(file: start.file, line: start.line, column: start.column + shift)
        }
        let index = lineStarts[line - 1] + max(column - 1, 0)
        return positions[min(index, positions.count - 1)]
    }

    /// `error`, found inside the value (its location has an empty file and counts from 1:1 of the value),
    /// moved to the file; `opened at L:C` in its message is moved too.
    func relocate(_ error: InputError) -> InputError {
        guard let location = error.location else { return InputError(error.message, at: start) }
        let message = error.message.replacing(/opened at (\d+):(\d+)/) { match in
            guard let line = Int(match.output.1), let column = Int(match.output.2) else { return String(match.output.0) }
            let moved = self.location(line: line, column: column)
            return "opened at \(moved.line):\(moved.column)"
        }
        return InputError(message, at: self.location(line: location.line, column: location.column))
    }

    /// `error`, found by a parser that was given `origin` as the value's first position and counts
    /// later lines' columns from their first character, moved to the exact file position.
    func relocate(_ error: InputError, parsedFrom origin: SourceLocation) -> InputError {
        guard let location = error.location else { return InputError(error.message, at: start) }
        let line = location.line - origin.line + 1
        let column = line == 1 ? location.column - origin.column + 1 : location.column
        return relocate(InputError(error.message, at: SourceLocation(file: "", line: line, column: column)))
    }
}
