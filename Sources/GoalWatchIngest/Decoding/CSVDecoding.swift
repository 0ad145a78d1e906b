import GoalWatchCore

/// One run of the CSV decoder over one file: the hot loop and the caches that keep it fast.
///
/// Each distinct timestamp cell is parsed once and each distinct combination of label cells becomes
/// label sets once (exports repeat both across thousands of rows); numbers are read from the bytes.
struct CSVDecoding {
    let mapping: CSVMapping
    let bytes: UnsafeBufferPointer<UInt8>
    let context: DecodeContext
    private var builder: BatchBuilder
    private var skipRows: Regex<AnyRegexOutput>?

    /// Stands in a time cache slot for "this row is skipped" (`skip_rows` matched); no valid time is this low.
    private static let skippedRow = Int64.min

    init(mapping: CSVMapping, bytes: UnsafeBufferPointer<UInt8>, context: DecodeContext) {
        self.mapping = mapping
        self.bytes = bytes
        self.context = context
        builder = BatchBuilder(context: context)
    }

    private var file: String { context.sourceName }

    mutating func run() throws(InputError) -> SampleBatch {
        let input = try InputPreflight.check(bytes, file: file, limits: context.limits, limitLines: true, expectation: "a header row")
        skipRows = try mapping.compileSkipRows()
        let (headerStart, headerLine) = skipPreamble(from: input.start)
        guard headerStart < bytes.count else {
            throw .snapshot(file, line: headerLine, "expected a header row, found only comment or empty lines")
        }
        let delimiter = mapping.delimiter ?? detectDelimiter(at: headerStart)
        var reader = CSVRowReader(bytes: bytes, delimiter: delimiter, file: file, position: headerStart, line: headerLine)
        var fields: [CSVField] = []
        guard let line = try reader.nextRow(into: &fields) else {
            throw .snapshot(file, line: headerLine, "expected a header row, found the end of the file")
        }
        let header = fields.map { reader.text(of: $0) }
        let columns = try mapping.resolve(header: header, file: file, line: line)
        let decimalMark = mapping.decimalMark ?? (delimiter == ASCII.semicolon ? ASCII.comma : ASCII.period)
        let rowBound = min(input.lineCount, context.limits.maxRows)
        let (samples, overflow) = rowBound.multipliedReportingOverflow(by: columns.metrics.count)
        if !overflow { builder.reserve(samples: samples) }
        try decodeRows(&reader, fields: &fields, header: header, columns: columns, numbers: CSVNumberSyntax(decimalMark: decimalMark))
        return builder.batch
    }

    /// Skips leading empty lines and lines starting with the comment prefix; returns where the header starts.
    private func skipPreamble(from start: Int) -> (position: Int, line: Int) {
        var position = start
        var line = 1
        while position < bytes.count {
            var end = position
            while end < bytes.count, bytes[end] != ASCII.lineFeed { end += 1 }
            let isBlank = end == position || (end == position + 1 && bytes[position] == ASCII.carriageReturn)
            guard isBlank || startsWithCommentPrefix(at: position, end: end) else { break }
            position = min(end + 1, bytes.count)
            line += 1
        }
        return (position, line)
    }

    private func startsWithCommentPrefix(at position: Int, end: Int) -> Bool {
        guard let prefix = mapping.commentPrefix else { return false }
        return ASCII.matches(bytes, at: position, end: end, prefix)
    }

    /// The most frequent of `,`, `;` and tab outside quotes on the header line; `,` when none occurs.
    private func detectDelimiter(at start: Int) -> UInt8 {
        let candidates = [ASCII.comma, ASCII.semicolon, ASCII.tab]
        var counts = [0, 0, 0]
        var quoted = false
        var position = start
        while position < bytes.count {
            let byte = bytes[position]
            if byte == ASCII.quote {
                quoted.toggle()
            } else if !quoted {
                if byte == ASCII.lineFeed { break }
                if let index = candidates.firstIndex(of: byte) { counts[index] += 1 }
            }
            position += 1
        }
        var best = 0
        for index in 1..<candidates.count where counts[index] > counts[best] { best = index }
        return candidates[best]
    }

    private mutating func decodeRows(
        _ reader: inout CSVRowReader, fields: inout [CSVField], header: [String], columns: CSVColumnIndexes,
        numbers: CSVNumberSyntax
    ) throws(InputError) {
        let file = file  // a copy, so that error locations do not read `self` while `builder` is mutated
        let metricCount = columns.metrics.count
        let nonNegative = mapping.metrics.map { builder.isNonNegative($0.name) }
        var times = ByteStringInterner()
        var timeValues: [Int64] = []
        var labelKeys = ByteStringInterner()
        var labelSets: [[String: String]] = []
        // For label set `s` and metric `m`, the series index at `s * metricCount + m`, or -1 until first used.
        var seriesTable: [Int32] = []
        var labelKey: [UInt8] = []
        if columns.labels.isEmpty {
            labelSets.append(builder.mergedLabels([:]))
            seriesTable = Array(repeating: -1, count: metricCount)
        }
        while let line = try reader.nextRow(into: &fields) {
            try builder.countRow(at: SourceLocation(file: file, line: line))
            guard fields.count == header.count else {
                throw .snapshot(file, line: line, "expected \(header.count) fields as in the header, found \(fields.count)")
            }
            let timeField = fields[columns.timestamp]
            let timeRange = ASCII.trimmed(timeField.range, in: bytes)
            let time = times.intern(UnsafeBufferPointer(rebasing: bytes[timeRange]))
            if time.isNew { timeValues.append(try readTime(timeField, reader: reader, line: line)) }
            let timestamp = timeValues[time.id]
            if timestamp == Self.skippedRow { continue }

            var labelSet = 0
            if !columns.labels.isEmpty {
                labelKey.removeAll(keepingCapacity: true)
                for index in columns.labels {
                    labelKey.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[fields[index].range]))
                    labelKey.append(0)  // NUL never occurs in the file, so it separates cells unambiguously
                }
                let key = labelKey.withUnsafeBufferPointer { labelKeys.intern($0) }
                if key.isNew {
                    var data: [String: String] = [:]
                    for (column, index) in zip(mapping.labels, columns.labels) { data[column.name] = reader.text(of: fields[index]) }
                    labelSets.append(builder.mergedLabels(data))
                    seriesTable.append(contentsOf: repeatElement(-1, count: metricCount))
                }
                labelSet = key.id
            }

            for metric in 0..<metricCount {
                let range = ASCII.trimmed(fields[columns.metrics[metric]].range, in: bytes)
                if range.isEmpty || isNotAvailable(range) { continue }
                let value: Double
                switch numbers.parse(bytes, range) {
                case .value(let parsed):
                    value = parsed
                case .notANumber:
                    throw cellError(metric: metric, line: line, "expected a number, found \(FoundText.quoted(bytes, range))")
                case .nonFinite:
                    throw cellError(metric: metric, line: line, "expected a finite number, found \(FoundText.quoted(bytes, range))")
                }
                if value < 0, nonNegative[metric] {
                    let name = mapping.metrics[metric].name
                    throw cellError(metric: metric, line: line,
                                    "expected a value of 0 or more for \(name), which cannot be negative, found \(FoundText.quoted(bytes, range))")
                }
                let slot = labelSet * metricCount + metric
                var series = seriesTable[slot]
                if series < 0 {
                    series = try builder.series(metric: mapping.metrics[metric].name, labels: labelSets[labelSet],
                                            at: SourceLocation(file: file, line: line))
                    seriesTable[slot] = series
                }
                builder.append(series: series, timestamp: timestamp, value: value)
            }
        }
    }

    /// Parses a timestamp cell seen for the first time, or marks its row skipped.
    private func readTime(_ field: CSVField, reader: CSVRowReader, line: Int) throws(InputError) -> Int64 {
        if let skipRows, reader.text(of: field).contains(skipRows) { return Self.skippedRow }
        do {
            let milliseconds = try mapping.timestamps.read(bytes, ASCII.trimmed(field.range, in: bytes))
            try builder.checkTime(milliseconds)
            return milliseconds
        } catch {
            throw .snapshot(file, line: line, "column \(FoundText.quoted(mapping.timestampColumn)): \(error.message)")
        }
    }

    private func isNotAvailable(_ range: Range<Int>) -> Bool {
        mapping.naValues.contains { $0.count == range.count && ASCII.matches(bytes, at: range.lowerBound, end: range.upperBound, $0) }
    }

    private func cellError(metric: Int, line: Int, _ message: String) -> InputError {
        .snapshot(file, line: line, "column \(FoundText.quoted(mapping.metrics[metric].header)): \(message)")
    }
}
