/// Reads a scalar's value back from the file text, character by character, with each one's position.
struct ScalarReader {
    enum Style { case plain, singleQuoted, doubleQuoted, literal, folded }

    /// A 0-based line and column.
    struct Point {
        var line: Int
        var column: Int

        /// The point just after this one on its line.
        var next: Point { Point(line: line, column: column + 1) }
    }

    let lines: [[Unicode.Scalar]]
    /// Stop once this many characters are read: the parsed value's length.
    let limit: Int
    var characters: [Unicode.Scalar] = []
    var positions: [Point] = []
    /// Just past the last character read.
    var end = Point(line: 0, column: 0)
    private var cursor = Point(line: 0, column: 0)

    init(lines: [[Unicode.Scalar]], limit: Int) {
        self.lines = lines
        self.limit = limit
    }

    var isFull: Bool { characters.count >= limit }

    mutating func emit(_ character: Unicode.Scalar, at point: Point) {
        guard !isFull else { return }
        characters.append(character)
        positions.append(point)
        end = point.next
    }

    func character(_ point: Point) -> Unicode.Scalar? {
        guard point.line >= 0, point.line < lines.count, point.column >= 0, point.column < lines[point.line].count else { return nil }
        return lines[point.line][point.column]
    }

    static func isBlank(_ character: Unicode.Scalar) -> Bool { character == " " || character == "\t" }

    /// Skips a tag (`!!str`) or anchor (`&x`) before the value and says which style the value is in.
    mutating func readStyle(at location: SourceLocation) -> Style {
        cursor = Point(line: location.line - 1, column: location.column - 1)
        end = cursor
        while let first = character(cursor), first == "!" || first == "&" {
            while let next = character(cursor), !Self.isBlank(next) { cursor.column += 1 }
            while let next = character(cursor), Self.isBlank(next) { cursor.column += 1 }
        }
        switch character(cursor) {
        case "\"": return .doubleQuoted
        case "'": return .singleQuoted
        case "|": return .literal
        case ">": return .folded
        default: return .plain
        }
    }

    mutating func read(_ style: Style, parentIndent: Int?) {
        switch style {
        case .plain: readFlow(quote: nil)
        case .singleQuoted, .doubleQuoted:
            cursor.column += 1
            end = cursor
            readFlow(quote: style == .doubleQuoted ? "\"" : "'")
        case .literal, .folded: readBlock(folded: style == .folded, parentIndent: parentIndent)
        }
    }

    // MARK: - Plain and quoted scalars

    /// Reads a plain (`quote` nil) or quoted scalar: line breaks fold into a space, or into one `\n` per
    /// empty line between; whitespace around a break is dropped.
    private mutating func readFlow(quote: Unicode.Scalar?) {
        var pendingBlanks: [(Unicode.Scalar, Point)] = []
        while !isFull, cursor.line < lines.count {
            let line = lines[cursor.line]
            guard cursor.column < line.count else {
                pendingBlanks = []
                foldLineBreak(plain: quote == nil)
                continue
            }
            let point = cursor
            let current = line[cursor.column]
            if current == quote {
                if quote == "'", character(Point(line: cursor.line, column: cursor.column + 1)) == "'" {
                    flush(&pendingBlanks)
                    emit("'", at: point)
                    cursor.column += 2
                    continue
                }
                flush(&pendingBlanks)
                return
            }
            if quote == nil, current == "#", point.column > 0, Self.isBlank(line[point.column - 1]) {
                // A comment ends the line's part of a plain scalar.
                cursor.column = line.count
                continue
            }
            if Self.isBlank(current) {
                pendingBlanks.append((current, point))
                cursor.column += 1
                continue
            }
            flush(&pendingBlanks)
            if quote == "\"", current == "\\" {
                guard cursor.column + 1 < line.count else {
                    // An escaped line break: the lines join with nothing between.
                    cursor = Point(line: cursor.line + 1, column: 0)
                    skipIndentation()
                    continue
                }
                readEscape(at: point)
                continue
            }
            emit(current, at: point)
            cursor.column += 1
        }
    }

    private mutating func flush(_ blanks: inout [(Unicode.Scalar, Point)]) {
        for (blank, point) in blanks { emit(blank, at: point) }
        blanks = []
    }

    private mutating func skipIndentation() {
        while let next = character(cursor), Self.isBlank(next) { cursor.column += 1 }
    }

    /// At the end of a line inside a flow scalar: one `\n` per empty line that follows, or a space when
    /// none does; the next line's indentation is skipped.
    private mutating func foldLineBreak(plain: Bool) {
        let breakPoint = Point(line: cursor.line, column: end.line == cursor.line ? end.column : cursor.column)
        var emptyLines: [Point] = []
        cursor = Point(line: cursor.line + 1, column: 0)
        while cursor.line < lines.count, lines[cursor.line].allSatisfy(Self.isBlank) {
            emptyLines.append(cursor)
            cursor.line += 1
        }
        skipIndentation()
        if plain, character(cursor) == "#" {
            cursor.line = lines.count  // a comment line ends a plain scalar
            return
        }
        if emptyLines.isEmpty {
            emit(" ", at: breakPoint)
        } else {
            for point in emptyLines { emit("\n", at: point) }
        }
    }

    private mutating func readEscape(at point: Point) {
        guard let code = character(Point(line: point.line, column: point.column + 1)) else {
            cursor.line = lines.count
            return
        }
        let simple: [Unicode.Scalar: Unicode.Scalar] = [
            "0": "\0", "a": "\u{07}", "b": "\u{08}", "t": "\t", "\t": "\t", "n": "\n", "v": "\u{0B}", "f": "\u{0C}",
            "r": "\r", "e": "\u{1B}", " ": " ", "\"": "\"", "/": "/", "\\": "\\", "N": "\u{85}", "_": "\u{A0}",
            "L": "\u{2028}", "P": "\u{2029}",
        ]
        if let decoded = simple[code] {
            emit(decoded, at: point)
            cursor.column += 2
            return
        }
        let digits = code == "x" ? 2 : code == "u" ? 4 : code == "U" ? 8 : 0
        let line = lines[point.line]
        let hexStart = point.column + 2
        guard digits > 0, hexStart + digits <= line.count,
              let value = UInt32(String(String.UnicodeScalarView(line[hexStart..<hexStart + digits])), radix: 16),
              let decoded = Unicode.Scalar(value)
        else {
            // Not an escape Yams would have accepted: give up here, the caller falls back.
            cursor.line = lines.count
            return
        }
        emit(decoded, at: point)
        cursor.column = hexStart + digits
    }

    // MARK: - Block scalars

    /// Reads a `|` or `>` block scalar whose header is at the cursor.
    private mutating func readBlock(folded: Bool, parentIndent: Int?) {
        let header = lines[cursor.line]
        var indent: Int?
        var column = cursor.column + 1
        // Header indicators: chomping (`+`, `-`) and an explicit indentation (`1`…`9`), in either order.
        while column < header.count, header[column] == "+" || header[column] == "-" || ("1"..."9").contains(header[column]) {
            if ("1"..."9").contains(header[column]) {
                guard let parentIndent else { return }  // the indentation cannot be known: fall back
                indent = parentIndent + Int(header[column].value - 0x30)
            }
            column += 1
        }
        var lineIndex = cursor.line + 1
        if indent == nil {
            // The first line with text sets the indentation.
            var probe = lineIndex
            while probe < lines.count, lines[probe].allSatisfy(Self.isBlank) { probe += 1 }
            guard probe < lines.count else { return }
            indent = lines[probe].prefix { $0 == " " }.count
        }
        guard let indent, indent > 0 else { return }

        // The block's lines: their content after the indentation, or nil for an empty line.
        var content: [(line: Int, text: ArraySlice<Unicode.Scalar>?)] = []
        while lineIndex < lines.count {
            let line = lines[lineIndex]
            let leading = line.prefix { $0 == " " }.count
            if leading >= indent {
                content.append((lineIndex, line[indent...]))
            } else if line.allSatisfy(Self.isBlank) {
                content.append((lineIndex, nil))
            } else {
                break
            }
            lineIndex += 1
        }
        var previous: (line: Int, moreIndented: Bool)?
        var emptyLines: [Int] = []
        for (number, text) in content {
            guard let text, !text.isEmpty else {
                emptyLines.append(number)
                continue
            }
            let moreIndented = text.first.map(Self.isBlank) ?? false
            if let previous {
                let lineEnd = Point(line: previous.line, column: lines[previous.line].count)
                if !folded {
                    emit("\n", at: lineEnd)
                    for empty in emptyLines { emit("\n", at: Point(line: empty, column: 0)) }
                } else if previous.moreIndented || moreIndented {
                    emit("\n", at: lineEnd)
                    for empty in emptyLines { emit("\n", at: Point(line: empty, column: 0)) }
                } else if emptyLines.isEmpty {
                    emit(" ", at: lineEnd)
                } else {
                    for empty in emptyLines { emit("\n", at: Point(line: empty, column: 0)) }
                }
            } else {
                for empty in emptyLines { emit("\n", at: Point(line: empty, column: 0)) }
            }
            emptyLines = []
            for (offset, character) in text.enumerated() {
                emit(character, at: Point(line: number, column: indent + offset))
            }
            previous = (number, moreIndented)
        }
        // Trailing line breaks (kept by `|` once and by `|+` all).
        if let previous {
            emit("\n", at: Point(line: previous.line, column: lines[previous.line].count))
            for empty in emptyLines { emit("\n", at: Point(line: empty, column: 0)) }
        }
    }
}
