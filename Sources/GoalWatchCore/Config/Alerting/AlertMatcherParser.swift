/// Reading matchers from text the way Alertmanager's classic matcher parser reads them (its
/// configuration files, `amtool`, the silences API), with errors at the line and column inside the text.
///
/// A matcher is a label name, an operator and a value, with any blanks between them. The value may be
/// double-quoted; inside it `\"` is a double quote, `\n` a line feed and `\\` a backslash, and any other
/// backslash stays as written (so `=~"\d+"` is the regular expression `\d+`). Unquoted values run to
/// the end of the matcher, trailing blanks dropped, and may not contain `"`.
extension AlertMatcher {
    /// Parses one matcher: `team="care"`, `severity =~ "warning|critical"`, `team=care`.
    ///
    /// An unquoted value takes the rest of the text, commas included, as in Alertmanager.
    /// - Throws: ``InputError`` whose location is the line and column inside `text` (its file empty),
    ///   for the caller to move to where the text was written (``ScalarSourceMap/locating(_:)``).
    public static func parse(_ text: String) throws(InputError) -> AlertMatcher {
        let scanner = MatcherScanner(text)
        return try scanner.matcher(in: 0..<scanner.characters.count)
    }

    /// Parses a comma-separated list of matchers, optionally in braces:
    /// `{team="care", severity!="info"}`, `team="care",severity!="info"`, `team=care`.
    ///
    /// Commas inside double quotes belong to the value. A trailing comma is allowed; `{}` and blank text
    /// are the empty list.
    /// - Throws: ``InputError`` at the line and column inside `text`, as ``parse(_:)``.
    public static func parseList(_ text: String) throws(InputError) -> [AlertMatcher] {
        let scanner = MatcherScanner(text)
        var matchers: [AlertMatcher] = []
        for token in scanner.listItems() {
            matchers.append(try scanner.matcher(in: token))
        }
        return matchers
    }
}

/// The text of one or more matchers, as Unicode scalars, with the positions of errors in it.
private struct MatcherScanner {
    let characters: [Unicode.Scalar]

    init(_ text: String) {
        characters = Array(text.unicodeScalars)
    }

    static let example = "a matcher such as team=\"care\""

    /// The ranges of the items of a list: braces trimmed, split at commas outside double quotes; a
    /// blank last item (after a trailing comma) is dropped, a blank item elsewhere is kept (and refused).
    func listItems() -> [Range<Int>] {
        var start = 0
        var end = characters.count
        while start < end, isBlank(characters[start]) { start += 1 }
        while end > start, isBlank(characters[end - 1]) { end -= 1 }
        if start < end, characters[start] == "{" { start += 1 }
        if end > start, characters[end - 1] == "}" { end -= 1 }

        var items: [Range<Int>] = []
        var itemStart = start
        var insideQuotes = false
        var escaped = false
        for index in start..<end {
            switch characters[index] {
            case ",":
                // A comma does not end an escape, as in Alertmanager: `\,"` leaves the quote escaped.
                if !insideQuotes {
                    items.append(itemStart..<index)
                    itemStart = index + 1
                }
            case "\"":
                if escaped { escaped = false } else { insideQuotes.toggle() }
            case "\\":
                escaped.toggle()
            default:
                escaped = false
            }
        }
        let last = itemStart..<end
        if !last.allSatisfy({ isBlank(characters[$0]) }) { items.append(last) }
        return items
    }

    /// The matcher written in `range`.
    func matcher(in range: Range<Int>) throws(InputError) -> AlertMatcher {
        var index = range.lowerBound
        let end = range.upperBound
        skipBlanks(&index, end)
        guard index < end else {
            throw InputError("expected \(Self.example), found nothing", at: location(index))
        }

        let nameStart = index
        while index < end, isNameCharacter(characters[index]) { index += 1 }
        let name = text(nameStart..<index)
        guard !name.isEmpty, LabelName.isValid(name) else {
            let found = name.isEmpty ? text(nameStart..<end) : name
            throw InputError(
                "expected a label name ([a-zA-Z_][a-zA-Z0-9_]*) to start \(Self.example), found \(quoted(found))",
                at: location(nameStart))
        }

        skipBlanks(&index, end)
        let operatorStart = index
        guard let op = matchOperator(at: index, end) else {
            let found = index < end ? quoted(text(index..<end)) : "the end of the matcher"
            throw InputError("expected =, !=, =~ or !~ after the label name \(name), found \(found)", at: location(operatorStart))
        }
        index += op.rawValue.unicodeScalars.count

        skipBlanks(&index, end)
        var valueEnd = end
        while valueEnd > index, isBlank(characters[valueEnd - 1]) { valueEnd -= 1 }
        let valueStart = index
        let value = try unescapedValue(valueStart..<valueEnd)
        do {
            return try AlertMatcher(name: name, op: op, value: value)
        } catch {
            // The name was checked above, so this is the regular expression.
            throw InputError(error.message, at: location(valueStart))
        }
    }

    private func matchOperator(at index: Int, _ end: Int) -> AlertMatcher.Operator? {
        guard index < end else { return nil }
        let next = index + 1 < end ? characters[index + 1] : nil
        switch (characters[index], next) {
        case ("=", "~"): return .matchesRegex
        case ("=", _): return .equal
        case ("!", "="): return .notEqual
        case ("!", "~"): return .notMatchesRegex
        default: return nil
        }
    }

    /// The value with its quotes removed and its escapes resolved, as Alertmanager's classic parser does.
    private func unescapedValue(_ range: Range<Int>) throws(InputError) -> String {
        guard !range.isEmpty else { return "" }
        var start = range.lowerBound
        let isQuoted = characters[start] == "\""
        if isQuoted { start += 1 }
        var value = String.UnicodeScalarView()
        var escaped = false
        var closed = false
        var index = start
        while index < range.upperBound {
            let character = characters[index]
            defer { index += 1 }
            if escaped {
                escaped = false
                switch character {
                case "n": value.append("\n")
                case "\"", "\\": value.append(character)
                default:
                    // Not an escape: the backslash stays, as in `\d`.
                    value.append("\\")
                    value.append(character)
                }
                continue
            }
            switch character {
            case "\\":
                if index < range.upperBound - 1 { escaped = true } else { value.append("\\") }
            case "\"":
                guard isQuoted, index == range.upperBound - 1 else {
                    let hint = isQuoted ? "write \\\" for a double quote inside the value" : "quote the whole value, writing \\\" for a double quote"
                    throw InputError("unexpected '\"' in the value of the matcher (\(hint))", at: location(index))
                }
                closed = true
            default:
                value.append(character)
            }
        }
        if isQuoted, !closed {
            let opening = location(range.lowerBound)
            throw InputError(
                "expected '\"' to close the value opened at \(opening.line):\(opening.column), found the end of the matcher",
                at: location(range.upperBound))
        }
        return String(value)
    }

    private func skipBlanks(_ index: inout Int, _ end: Int) {
        while index < end, isBlank(characters[index]) { index += 1 }
    }

    /// Go's `\s`: space, tab, line feed, form feed, carriage return.
    private func isBlank(_ character: Unicode.Scalar) -> Bool {
        character == " " || character == "\t" || character == "\n" || character == "\u{0C}" || character == "\r"
    }

    /// The characters Alertmanager reads as part of a name, `:` included so that the whole word is
    /// named in the error when it is not a label name.
    private func isNameCharacter(_ character: Unicode.Scalar) -> Bool {
        character.isASCII && (character.properties.isAlphabetic || ("0"..."9").contains(character) || character == "_" || character == ":")
    }

    private func text(_ range: Range<Int>) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: characters[range])
        return String(view)
    }

    /// The 1-based line and column of the character at `index` (past the end for the end), with an
    /// empty file name: a position inside the text.
    private func location(_ index: Int) -> SourceLocation {
        var line = 1
        var column = 1
        for character in characters.prefix(index) {
            if character == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return SourceLocation(file: "", line: line, column: column)
    }
}
