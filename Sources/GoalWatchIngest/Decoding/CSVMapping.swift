import GoalWatchCore

/// A source's ``CSVOptions``, checked and prepared once: names validated, the timestamp pattern, time
/// zone and `skip_rows` expression compiled.
///
/// Its errors concern the configuration rather than a file, so they carry no location; a config loader
/// can surface them early through ``CSVSnapshotDecoder/mappingError``.
struct CSVMapping: Sendable {
    /// A mapped column: its header name (trimmed) and the label or metric name it feeds.
    struct Column: Sendable {
        let header: String
        let name: String
    }

    let delimiter: UInt8?
    let decimalMark: UInt8?
    let timestampColumn: String
    let timestamps: TimestampReader
    /// Sorted by header name, so that messages and series order do not depend on dictionary order.
    let labels: [Column]
    let metrics: [Column]
    let naValues: [[UInt8]]
    let commentPrefix: [UInt8]?
    /// The `skip_rows` expression, known to compile. `Regex` is not `Sendable`, so each decode compiles
    /// it once (see ``compileSkipRows()``) and the mapping stays shareable between tasks.
    let skipRows: String?

    init(_ options: CSVOptions) throws(InputError) {
        if let delimiter = options.delimiter, [ASCII.quote, ASCII.lineFeed, ASCII.carriageReturn].contains(delimiter) {
            throw InputError("csv delimiter: expected \",\", \";\" or a tab, found \(FoundText.quoted(String(UnicodeScalar(delimiter))))")
        }
        if let mark = options.decimalMark, mark != ASCII.period, mark != ASCII.comma {
            throw InputError("csv decimal: expected \".\" or \",\", found \(FoundText.quoted(String(UnicodeScalar(mark))))")
        }
        delimiter = options.delimiter
        decimalMark = options.decimalMark
        timestampColumn = options.timestamp.column.trimmingSpaces
        guard !timestampColumn.isEmpty else {
            throw InputError("csv timestamp: expected a column name, found an empty one")
        }
        do {
            timestamps = try TimestampReader(options.timestamp)
        } catch {
            throw InputError("csv " + error.message)
        }
        guard !options.metrics.isEmpty else {
            throw InputError("csv metrics: expected at least one column mapped to a metric, found none")
        }
        labels = try Self.columns(options.labels, kind: "label", problem: SeriesNames.labelNameProblem)
        metrics = try Self.columns(options.metrics, kind: "metric", problem: SeriesNames.metricNameProblem)
        naValues = options.naValues.map { Array($0.utf8) }
        commentPrefix = options.commentPrefix.flatMap { $0.isEmpty ? nil : Array($0.utf8) }
        skipRows = options.skipRows
        _ = try compileSkipRows()
    }

    /// The compiled `skip_rows` expression, if any.
    func compileSkipRows() throws(InputError) -> Regex<AnyRegexOutput>? {
        guard let skipRows else { return nil }
        do {
            return try Regex(skipRows)
        } catch {
            throw InputError("csv skip_rows: expected a regular expression, found \(FoundText.quoted(skipRows)) (\(error))")
        }
    }

    private static func columns(
        _ mapping: [String: String], kind: String, problem: (String) -> String?
    ) throws(InputError) -> [Column] {
        var columns: [Column] = []
        var headerByName: [String: String] = [:]
        for (header, name) in mapping.sorted(by: { $0.key < $1.key }) {
            let trimmed = header.trimmingSpaces
            guard !trimmed.isEmpty else {
                throw InputError("csv \(kind)s: expected a column name, found an empty one")
            }
            if let problem = problem(name) {
                throw InputError("csv \(kind)s: column \(FoundText.quoted(trimmed)): \(problem)")
            }
            if let other = headerByName[name] {
                throw InputError("csv \(kind)s: expected one column for \(kind) \(name), found \(FoundText.quoted(other)) and \(FoundText.quoted(trimmed))")
            }
            headerByName[name] = trimmed
            columns.append(Column(header: trimmed, name: name))
        }
        return columns
    }
}

/// Where the mapped columns sit in one file's header.
struct CSVColumnIndexes {
    let timestamp: Int
    let labels: [Int]
    let metrics: [Int]
}

extension CSVMapping {
    /// Finds every mapped column in `header` (names trimmed); refuses a missing or repeated one, listing
    /// the header's columns so that the user sees the mismatch.
    func resolve(header: [String], file: String, line: Int) throws(InputError) -> CSVColumnIndexes {
        var positions: [String: [Int]] = [:]
        for (index, name) in header.enumerated() { positions[name, default: []].append(index) }
        let wanted = [timestampColumn] + labels.map(\.header) + metrics.map(\.header)
        var missing: [String] = []
        for name in wanted where positions[name] == nil && !missing.contains(name) {
            missing.append(name)
        }
        if !missing.isEmpty {
            let names = missing.map { FoundText.quoted($0) }.joined(separator: ", ")
            let found = header.map { FoundText.quoted($0) }.joined(separator: ", ")
            let hints = missing.compactMap { name in
                header.first { $0.lowercased() == name.lowercased() }.map { "\(FoundText.quoted(name)) → \(FoundText.quoted($0))?" }
            }
            let hint = hints.isEmpty ? "" : " (names are case-sensitive: \(hints.joined(separator: ", ")))"
            throw .snapshot(file, line: line,
                            "expected column\(missing.count == 1 ? "" : "s") \(names) in the header, found \(found)\(hint)")
        }
        func index(_ name: String) throws(InputError) -> Int {
            let found = positions[name] ?? []
            guard found.count == 1, let only = found.first else {
                let numbers = found.map { String($0 + 1) }.joined(separator: ", ")
                throw .snapshot(file, line: line,
                                "expected one column named \(FoundText.quoted(name)) in the header, found \(found.count) (columns \(numbers))")
            }
            return only
        }
        var labelIndexes: [Int] = []
        for column in labels { labelIndexes.append(try index(column.header)) }
        var metricIndexes: [Int] = []
        for column in metrics { metricIndexes.append(try index(column.header)) }
        return CSVColumnIndexes(timestamp: try index(timestampColumn), labels: labelIndexes, metrics: metricIndexes)
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs, as header names are compared.
    var trimmingSpaces: String {
        var scalars = Substring(self).unicodeScalars
        while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
        return String(scalars)
    }
}
