/// Where each character of a scalar's value was written in its file, so that an error found inside the
/// value (a bad token in a PromQL expression, in a series' values) is reported at its own line and column.
///
/// YAML changes text on the way in: quotes are dropped, `\"` and `''` stand for one character, and
/// multi-line scalars are folded. The map walks the scalar's source beside its value, pairing each
/// character of the value with the character it came from: an escape maps to its backslash, a folded
/// line break to the end of the line, and every character that is not blank to exactly where it was
/// written, in plain, single-quoted, double-quoted, literal (`|`) and folded (`>`) scalars alike.
/// Where the two cannot be paired (a scalar whose text came from variable expansion, say), the value
/// is taken to be written unchanged from the scalar's start on.
public struct ScalarSourceMap: Sendable, Hashable {
    /// Where the scalar starts; the fallback.
    public let start: SourceLocation
    /// The 1-based line and column of each Unicode scalar of the value.
    private let positions: [Position]
    /// The index into `positions` of the first character of each line of the value.
    private let lineStarts: [Int]

    private struct Position: Sendable, Hashable {
        var line: Int32
        var column: Int32
    }

    /// A map for a value written on one line from `start` on, with nothing in it changed (as when the
    /// text did not come from a file).
    public init(identityFrom start: SourceLocation, text: String) {
        self.init(start: start, value: Array(text.unicodeScalars), positions: [])
    }

    /// Pairs `scalar`'s value with its source in `source`, the whole document it was parsed from.
    public init(_ scalar: ConfigScalar, in source: YAMLSource) {
        let value = Array(scalar.text.unicodeScalars)
        var walker = Walker(lines: source.lines, line: scalar.location.line - 1, column: scalar.location.column - 1)
        guard !scalar.isSecret, walker.isValid else {
            self.init(start: scalar.location, value: value, positions: [])
            return
        }
        self.init(start: scalar.location, value: value, positions: walker.pair(value))
    }

    private init(start: SourceLocation, value: [Unicode.Scalar], positions paired: [Position]) {
        self.start = start
        var positions = paired
        if positions.isEmpty, !value.isEmpty {
            // No source to pair with: assume the value was written as it is, from the start on.
            var line = Int32(start.line)
            var column = Int32(start.column)
            for character in value {
                positions.append(Position(line: line, column: column))
                if character == "\n" { line += 1; column = 1 } else { column += 1 }
            }
        }
        self.positions = positions
        var lineStarts = [0]
        for (index, character) in value.enumerated() where character == "\n" { lineStarts.append(index + 1) }
        self.lineStarts = lineStarts
    }

    /// The file position of the character at 1-based `line` and `column` of the value; just past the
    /// value's last character for a position at its end (where "end of expression" errors point), or
    /// the final line break of a value that ends with one.
    public func location(line: Int, column: Int) -> SourceLocation {
        guard line >= 1, line <= lineStarts.count, column >= 1 else { return start }
        let index = lineStarts[line - 1] + column - 1
        if index < positions.count {
            return SourceLocation(file: start.file, line: Int(positions[index].line), column: Int(positions[index].column))
        }
        guard let last = positions.last else { return start }
        // After a final line break (block scalars end with one) the end is that line break, at the end of
        // the last line: the next line of the file belongs to something else.
        let pastLast = lineStarts.last == positions.count ? 0 : 1 + index - positions.count
        return SourceLocation(file: start.file, line: Int(last.line), column: Int(last.column) + pastLast)
    }

    /// `error` moved from a position inside the value (its file left empty) to the position in the file.
    /// A position the message quotes (`'(' opened at 1:4`) moves with it, so that both are file positions.
    public func locating(_ error: InputError) -> InputError {
        guard let location = error.location, location.file.isEmpty else { return error }
        return InputError(relocatingQuotedPositions(error.message), at: self.location(line: location.line, column: location.column))
    }

    /// `error` from a parser that was handed `origin` as the value's first position and counts later
    /// lines' columns from their first character (the template parser), moved to the exact file position.
    public func locating(_ error: InputError, parsedFrom origin: SourceLocation) -> InputError {
        guard let location = error.location else { return InputError(error.message, at: start) }
        let line = location.line - origin.line + 1
        let column = line == 1 ? location.column - origin.column + 1 : location.column
        return locating(InputError(error.message, at: SourceLocation(file: "", line: line, column: column)))
    }

    /// `message` with each `opened at LINE:COLUMN` inside the value replaced by the file's line and column.
    private func relocatingQuotedPositions(_ message: String) -> String {
        let marker = "opened at "
        var output = ""
        var rest = Substring(message)
        while let range = rest.firstRange(of: marker) {
            output += rest[..<range.upperBound]
            rest = rest[range.upperBound...]
            let line = rest.prefix { $0.isASCII && $0.isNumber }
            let afterLine = rest.dropFirst(line.count)
            guard !line.isEmpty, afterLine.first == ":" else { continue }
            let column = afterLine.dropFirst().prefix { $0.isASCII && $0.isNumber }
            guard !column.isEmpty, let lineNumber = Int(line), let columnNumber = Int(column) else { continue }
            let mapped = location(line: lineNumber, column: columnNumber)
            output += "\(mapped.line):\(mapped.column)"
            rest = afterLine.dropFirst(1 + column.count)
        }
        return output + rest
    }

    /// Walks a scalar's source text, character by character, from its first character (or quote).
    private struct Walker {
        let lines: [[Unicode.Scalar]]
        var line: Int
        var column: Int
        private var style: Style = .plain

        private enum Style { case plain, singleQuoted, doubleQuoted, block }

        init(lines: [[Unicode.Scalar]], line: Int, column: Int) {
            self.lines = lines
            self.line = line
            self.column = column
            guard isValid else { return }
            // A tag (`!!str`) or an anchor (`&name`) before the scalar is not part of it.
            while let first = current, first == "!" || first == "&" {
                while let character = current, character != " ", character != "\t" { self.column += 1 }
                while let character = current, character == " " || character == "\t" { self.column += 1 }
            }
            guard let first = current else { return }
            switch first {
            case "'": style = .singleQuoted; self.column += 1
            case "\"": style = .doubleQuoted; self.column += 1
            case "|", ">":
                // The header (indicators, a comment) takes the rest of the line; content starts below.
                style = .block
                self.line += 1
                self.column = 0
            default: break
            }
        }

        var isValid: Bool { line >= 0 && line < lines.count && column >= 0 && column <= lines[line].count }

        /// The source character at the walker, `nil` at the end of a line.
        private var current: Unicode.Scalar? { column < lines[line].count ? lines[line][column] : nil }

        private func peek(_ ahead: Int) -> Unicode.Scalar? {
            column + ahead < lines[line].count ? lines[line][column + ahead] : nil
        }

        private var here: Position { Position(line: Int32(line + 1), column: Int32(column + 1)) }

        /// Moves one character on, or to the start of the next line from a line's end.
        private mutating func advance(_ count: Int = 1) {
            if current == nil {
                line += 1
                column = 0
            } else {
                column = min(column + count, lines[line].count)
            }
        }

        /// The source position of each character of `value`, or none when they cannot all be paired.
        mutating func pair(_ value: [Unicode.Scalar]) -> [Position] {
            var positions: [Position] = []
            positions.reserveCapacity(value.count)
            for character in value {
                guard let position = next(character) else { return [] }
                positions.append(position)
            }
            return positions
        }

        /// Finds where `character` was written, skipping the blanks and line breaks YAML folded away.
        private mutating func next(_ character: Unicode.Scalar) -> Position? {
            while line < lines.count {
                let source = current
                if style == .doubleQuoted, source == "\\" {
                    guard let escaped = peek(1) else {
                        // An escaped line break joins the lines: nothing of the value comes from it.
                        advance()
                        advance()
                        continue
                    }
                    let position = here
                    let length: Int = switch escaped {
                    case "x": 4
                    case "u": 6
                    case "U": 10
                    default: 2
                    }
                    advance(length)
                    return position
                }
                if style == .singleQuoted, source == "'", peek(1) == "'" {
                    let position = here
                    advance(2)
                    return position
                }
                if source == character || (source == nil && (character == "\n" || character == " ")) {
                    let position = here
                    advance()
                    return position
                }
                guard source == nil || source == " " || source == "\t" || source == "\r" else { return nil }
                advance()
            }
            return nil
        }
    }
}

/// A YAML document's text split into lines of Unicode scalars, for ``ScalarSourceMap``.
public struct YAMLSource: Sendable {
    /// The lines, without their line breaks (a `\r` before a `\n` is kept, and treated as a blank).
    public let lines: [[Unicode.Scalar]]

    /// Splits `text` into lines.
    public init(_ text: String) {
        var lines: [[Unicode.Scalar]] = [[]]
        for character in text.unicodeScalars {
            if character == "\n" { lines.append([]) } else { lines[lines.count - 1].append(character) }
        }
        self.lines = lines
    }
}
