/// Reads a source's `csv:` block into ``CSVOptions``.
struct CSVOptionsDecoder {
    static let keys = ["delimiter", "decimal", "timestamp", "labels", "metrics", "na_values", "comment", "skip_rows"]

    /// The options, or `nil` when anything in the block is wrong (all of it is reported).
    func options(_ node: YAMLNode, reader: inout YAMLReader) -> CSVOptions? {
        let errorsBefore = reader.errors.count
        guard let mapping = reader.mapping(node, allowedKeys: Self.keys) else { return nil }
        let delimiter: UInt8? = reader.read(mapping["delimiter"]) { node throws(InputError) -> UInt8? in try self.delimiter(node) } ?? nil
        let decimal: UInt8? = reader.read(mapping["decimal"]) { node throws(InputError) -> UInt8? in try self.decimalMark(node) } ?? nil
        let timestamp = reader.required("timestamp", in: mapping, what: "a timestamp mapping such as {column: Date, format: yyyy-MM-dd}")
            .flatMap { timestampColumn($0, reader: &reader) }
        var columns = ColumnUse(timestamp: timestamp)
        let labels = mapping["labels"].map {
            columnMap($0, role: "label", columns: &columns, reader: &reader) { node throws(InputError) in try node.labelName() }
        } ?? [:]
        let metrics = reader.required("metrics", in: mapping, what: "a mapping of column headers to metric names")
            .map {
                columnMap($0, role: "metric", columns: &columns, reader: &reader) { node throws(InputError) in try node.metricName() }
            } ?? [:]
        if let node = mapping["metrics"], metrics.isEmpty, reader.errors.count == errorsBefore {
            reader.report(InputError("expected at least one column mapped to a metric, found none", at: node.location))
        }
        let naValues = mapping["na_values"].flatMap { node in
            reader.list(node) { reader, item in reader.read { () throws(InputError) -> String in try item.string() } }
        }
        let comment = reader.read(mapping["comment"]) { node throws(InputError) in try node.nonEmptyString(expecting: "a comment prefix such as #") }
        let skipRows = reader.read(mapping["skip_rows"]) { node throws(InputError) in try node.regularExpression() }

        guard reader.errors.count == errorsBefore, let timestamp else { return nil }
        return CSVOptions(
            delimiter: delimiter, decimalMark: decimal, timestamp: timestamp, labels: labels, metrics: metrics,
            naValues: naValues.map(Set.init) ?? CSVOptions.defaultNAValues, commentPrefix: comment, skipRows: skipRows)
    }

    /// `auto` (nil), `,`, `;`, or a tab written `"\t"` or `tab`.
    func delimiter(_ node: YAMLNode) throws(InputError) -> UInt8? {
        let expected = #"auto, ",", ";" or tab ("\t")"#
        let scalar = try node.scalar(expecting: expected)
        switch scalar.text {
        case "auto": return nil
        case ",": return UInt8(ascii: ",")
        case ";": return UInt8(ascii: ";")
        case "\t", "tab": return UInt8(ascii: "\t")
        default: throw InputError("expected \(expected)\(scalar.found)", at: node.location)
        }
    }

    /// `auto` (nil), `.` or `,`.
    func decimalMark(_ node: YAMLNode) throws(InputError) -> UInt8? {
        let expected = #"auto, "." or ",""#
        let scalar = try node.scalar(expecting: expected)
        switch scalar.text {
        case "auto": return nil
        case ".": return UInt8(ascii: ".")
        case ",": return UInt8(ascii: ",")
        default: throw InputError("expected \(expected)\(scalar.found)", at: node.location)
        }
    }

    func timestampColumn(_ node: YAMLNode, reader: inout YAMLReader) -> TimestampColumn? {
        guard let mapping = reader.mapping(node, allowedKeys: ["column", "format", "timezone"]) else { return nil }
        let column = reader.read(reader.required("column", in: mapping, what: "the header of the time column")) {
            node throws(InputError) in try node.nonEmptyString(expecting: "the header of the time column")
        }
        let format = reader.read(mapping["format"]) { node throws(InputError) in try timestampFormat(node) } ?? .rfc3339
        // Kept as written: Foundation may report a zone under another name (UTC as GMT).
        let timeZone = reader.read(mapping["timezone"]) { node throws(InputError) -> String in
            _ = try node.timeZone()
            return try node.string()
        }
        return column.map { TimestampColumn(column: $0, format: format, timeZone: timeZone) }
    }

    /// `rfc3339`, `unix`, `unix_ms`, or a Unicode date pattern with a year in it (`yyyy-MM-dd`, `dd.MM.yyyy HH:mm`).
    ///
    /// A pattern without a year cannot place a row in time, and requiring one catches misspelt
    /// keywords (`rfc3399`) that would otherwise be taken for patterns.
    func timestampFormat(_ node: YAMLNode) throws(InputError) -> TimestampFormat {
        let keywords = ["rfc3339", "unix", "unix_ms"]
        let expected = "rfc3339, unix, unix_ms or a date pattern with a year such as yyyy-MM-dd"
        let scalar = try node.scalar(expecting: expected)
        guard keywords.contains(scalar.text) || scalar.text.contains("y") || scalar.text.contains("u") else {
            var message = "expected \(expected)\(scalar.found)"
            if !scalar.isSecret, let suggestion = KeySuggestion.closest(to: scalar.text, among: keywords) {
                message += " (did you mean '\(suggestion)'?)"
            }
            throw InputError(message, at: node.location)
        }
        return TimestampFormat(configValue: scalar.text)
    }

    /// Header → name entries, each name read by `name`; a column may be used once in the whole block.
    func columnMap(
        _ node: YAMLNode, role: String, columns: inout ColumnUse, reader: inout YAMLReader,
        name: (YAMLNode) throws(InputError) -> String
    ) -> [String: String] {
        guard let entries = reader.read({ () throws(InputError) -> [YAMLEntry] in try node.entries() }) else { return [:] }
        var map: [String: String] = [:]
        for entry in entries {
            guard let target = reader.read({ () throws(InputError) -> String in try name(entry.value) }) else { continue }
            if let error = columns.use(entry.key, as: role) {
                reader.report(error)
                continue
            }
            map[entry.key.text] = target
        }
        return map
    }
}

/// Which columns of a CSV mapping are taken, so that one column is not read as two things.
struct ColumnUse {
    private var roles: [String: (role: String, location: SourceLocation?)] = [:]

    init(timestamp: TimestampColumn?) {
        if let timestamp { roles[timestamp.column] = ("the timestamp", nil) }
    }

    /// Takes `header` for `role`, or returns the error saying what already took it.
    mutating func use(_ header: ConfigScalar, as role: String) -> InputError? {
        if let previous = roles[header.text] {
            let whereTaken = previous.location.map { " at line \($0.line)" } ?? ""
            return InputError(
                "column \(header.shown) is already used as \(previous.role)\(whereTaken); a column maps to one thing",
                at: header.location)
        }
        roles[header.text] = ("a \(role)", header.location)
        return nil
    }
}
