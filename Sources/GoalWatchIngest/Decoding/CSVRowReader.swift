import GoalWatchCore

/// One field of a CSV row: where its content lies in the file. A quoted field's range excludes the
/// surrounding quotes and may still hold doubled quotes (`""`), which ``CSVRowReader/text(of:)`` undoes.
struct CSVField {
    var start: Int
    var end: Int
    var quoted: Bool

    var range: Range<Int> { start..<end }
}

/// Splits CSV text into rows of fields, following RFC 4180: quoted fields may hold delimiters, doubled
/// quotes and line breaks; rows end with LF or CRLF. Empty lines between rows are skipped.
///
/// It reports fields as ranges into the file and never builds a `String`, so the decoder can parse
/// numbers straight from the bytes.
struct CSVRowReader {
    let bytes: UnsafeBufferPointer<UInt8>
    let delimiter: UInt8
    let file: String
    /// The next byte to read.
    private(set) var position: Int
    /// The physical line that ``position`` is on.
    private(set) var line: Int

    init(bytes: UnsafeBufferPointer<UInt8>, delimiter: UInt8, file: String, position: Int, line: Int) {
        self.bytes = bytes
        self.delimiter = delimiter
        self.file = file
        self.position = position
        self.line = line
    }

    /// Reads the next row into `fields` (emptied first); returns the line the row starts on, or `nil` at
    /// the end of the file.
    mutating func nextRow(into fields: inout [CSVField]) throws(InputError) -> Int? {
        fields.removeAll(keepingCapacity: true)
        let count = bytes.count
        // Skip empty lines (a trailing newline, blank separators).
        while position < count {
            if bytes[position] == ASCII.lineFeed {
                position += 1
                line += 1
            } else if bytes[position] == ASCII.carriageReturn, position + 1 < count, bytes[position + 1] == ASCII.lineFeed {
                position += 2
                line += 1
            } else {
                break
            }
        }
        guard position < count else { return nil }
        let rowLine = line
        while true {
            if position < count, bytes[position] == ASCII.quote {
                fields.append(try quotedField())
            } else {
                fields.append(unquotedField())
            }
            guard position < count else { return rowLine }
            let byte = bytes[position]
            if byte == delimiter {
                position += 1
            } else if byte == ASCII.lineFeed {
                position += 1
                line += 1
                return rowLine
            } else if byte == ASCII.carriageReturn, position + 1 < count, bytes[position + 1] == ASCII.lineFeed {
                position += 2
                line += 1
                return rowLine
            } else {
                let column = TextLocator.column(of: position, lineStart: lineStart(of: position), in: bytes)
                let found = FoundText.quoted(bytes, position..<min(position + 1, count))
                throw .snapshot(file, line: line, column: column,
                                "expected a delimiter or the end of the line after a closing quote, found \(found)")
            }
        }
    }

    /// Reads up to the next delimiter or line end; a carriage return not followed by LF is data.
    private mutating func unquotedField() -> CSVField {
        let start = position
        let count = bytes.count
        while position < count {
            let byte = bytes[position]
            if byte == delimiter || byte == ASCII.lineFeed { break }
            if byte == ASCII.carriageReturn, position + 1 < count, bytes[position + 1] == ASCII.lineFeed { break }
            position += 1
        }
        return CSVField(start: start, end: position, quoted: false)
    }

    /// Reads a field that starts with a quote, up to its closing quote.
    private mutating func quotedField() throws(InputError) -> CSVField {
        let openLine = line
        let open = position
        position += 1
        let start = position
        let count = bytes.count
        while position < count {
            let byte = bytes[position]
            if byte == ASCII.quote {
                if position + 1 < count, bytes[position + 1] == ASCII.quote {
                    position += 2
                    continue
                }
                let field = CSVField(start: start, end: position, quoted: true)
                position += 1
                return field
            }
            if byte == ASCII.lineFeed { line += 1 }
            position += 1
        }
        let openColumn = TextLocator.column(of: open, lineStart: lineStart(of: open), in: bytes)
        throw .snapshot(file, line: openLine, column: openColumn,
                        "expected a closing quote for the field opened here, found the end of the file (is the file truncated?)")
    }

    private func lineStart(of offset: Int) -> Int {
        var start = offset
        while start > 0, bytes[start - 1] != ASCII.lineFeed { start -= 1 }
        return start
    }

    /// The field's text, trimmed of surrounding spaces, with doubled quotes undone.
    func text(of field: CSVField) -> String {
        let range = ASCII.trimmed(field.range, in: bytes)
        let raw = UnsafeBufferPointer(rebasing: bytes[range])
        guard field.quoted, raw.contains(ASCII.quote) else { return String(decoding: raw, as: UTF8.self) }
        var unescaped: [UInt8] = []
        unescaped.reserveCapacity(raw.count)
        var index = 0
        while index < raw.count {
            unescaped.append(raw[index])
            index += raw[index] == ASCII.quote ? 2 : 1
        }
        return String(decoding: unescaped, as: UTF8.self)
    }
}
