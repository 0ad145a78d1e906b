import GoalWatchCore
import GoalWatchIngest
import Testing

@Suite("Bad input is refused whole, with its place")
struct BadInputTests {
    private static let options = CSVOptions(
        timestamp: TimestampColumn(column: "Date", format: .pattern("yyyy-MM-dd")),
        labels: ["Profile": "account"], metrics: ["Followers": "followers", "Reach": "reach"])

    private func decodeCSV(_ data: [UInt8], context: DecodeContext = makeContext(nonNegative: ["followers"])) throws(InputError) -> SampleBatch {
        try CSVSnapshotDecoder(options: Self.options).decode(data, context: context)
    }

    @Test("malformed CSV files are refused at the offending line", arguments: [
        ("Date,Profile,Followers,Reach\n2026-02-01,acme,1,2\n2026-02-02,\"acme,3,4\n", 3, 12,
         "expected a closing quote for the field opened here, found the end of the file (is the file truncated?)"),
        ("Date,Profile,Followers,Reach\n2026-02-01,acme,NaN,2\n", 2, 0, "column \"Followers\": expected a finite number, found \"NaN\""),
        ("Date,Profile,Followers,Reach\n2026-02-01,acme,1,Inf\n", 2, 0, "column \"Reach\": expected a finite number, found \"Inf\""),
        ("Date,Account,Followers\n2026-02-01,acme,1\n", 1, 0,
         "expected columns \"Profile\", \"Reach\" in the header, found \"Date\", \"Account\", \"Followers\""),
        ("Date,profile,Followers,Reach\n", 1, 0, "(names are case-sensitive: \"Profile\" → \"profile\"?)"),
        ("Date,Profile,Followers,Reach,Date\n", 1, 0, "expected one column named \"Date\" in the header, found 2 (columns 1, 5)"),
        ("Date,Profile,Followers,Reach\n2026-02-01,acme,1,2\n2026-02-02,acme,1\n", 3, 0, "expected 4 fields as in the header, found 3"),
        ("Date,Profile,Followers,Reach\n2026-02-01,acme,12k,2\n", 2, 0, "column \"Followers\": expected a number, found \"12k\""),
        ("Date,Profile,Followers,Reach\n2026-02-01,acme,-3,2\n", 2, 0,
         "column \"Followers\": expected a value of 0 or more for followers, which cannot be negative, found \"-3\""),
        ("Date,Profile,Followers,Reach\n2026-02-01,acme,3,-2\n2026-02-30,acme,1,2\n", 3, 0,
         "column \"Date\": expected a real calendar date, found \"2026-02-30\" (February 2026 has 28 days)"),
        ("Date,Profile,Followers,Reach\n2030-01-01,acme,1,2\n", 2, 0,
         "column \"Date\": expected a time no later than 2026-03-01T13:00:00Z (max_future 1h after now), found 2030-01-01T00:00:00Z"),
        ("Date,Profile,Followers,Reach\n2026-02-01,\"acme\"x,1,2\n", 2, 18, "expected a delimiter or the end of the line after a closing quote, found \"x\""),
        ("", 1, 0, "expected a header row, found an empty file"),
        ("\u{FEFF}", 1, 0, "expected a header row, found an empty file"),
        ("\r\n\n", 3, 0, "expected a header row, found only comment or empty lines"),
    ] as [(String, Int, Int, String)])
    func malformedCSV(text: String, line: Int, column: Int, fragment: String) {
        expectRefusal(line: line, column: column, fragment) { () throws(InputError) in try decodeCSV(bytes(text)) }
    }

    @Test("bytes that are not UTF-8 text are refused with line and column", arguments: [
        (Array("Date,Profile,Followers,Reach\n2026-02-01,caf".utf8) + [0xE9] + Array(",1,2\n".utf8), 2, 15, "expected UTF-8 text, found byte 0xE9"),
        (Array("Date,Profile,Followers,Reach\n2026-02-01,é".utf8) + [0xC0, 0x80], 2, 13, "expected UTF-8 text, found byte 0xC0"),
        (Array("Date,Profile\n".utf8) + [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], 2, 1, "expected UTF-8 text, found byte 0x89"),
        (Array("Date,Profile,Followers,Reach\n2026".utf8) + [0x00, 0x01, 0x02], 2, 5, "expected text, found a NUL byte"),
        ([0xFF, 0xFE, 0x44, 0x00], 1, 1, "found a UTF-16 byte order mark"),
    ] as [([UInt8], Int, Int, String)])
    func notText(data: [UInt8], line: Int, column: Int, fragment: String) {
        expectRefusal(line: line, column: column, fragment) { () throws(InputError) in try decodeCSV(data) }
    }

    @Test("limits are enforced for every format", arguments: SnapshotFormat.allCases)
    func limits(format: SnapshotFormat) {
        let (rowsText, seriesText, name) = Self.limitInputs(format)
        let tight = IngestLimits(maxFileBytes: 200, maxLineBytes: 120, maxRows: 2, maxSeries: 2)
        func decode(_ text: String) throws(InputError) -> SampleBatch {
            try SnapshotDecoding.decode(bytes(text), format: format, csv: Self.options, context: makeContext(name, limits: tight))
        }
        expectRefusal(file: name, line: 4, "expected at most 2 rows (max_rows), found more") { () throws(InputError) in try decode(rowsText) }
        expectRefusal(file: name, line: 3, "expected at most 2 distinct series (max_series), found more") { () throws(InputError) in
            try decode(seriesText)
        }
        expectRefusal(file: name, line: 1, "expected at most 200 bytes (max_file_size), found 201 bytes") { () throws(InputError) in
            try decode(String(repeating: " ", count: 201))
        }
    }

    @Test("a line longer than max_line_length is refused naming it", arguments: [SnapshotFormat.csv, .ndjson])
    func longLine(format: SnapshotFormat) {
        let limits = IngestLimits(maxLineBytes: 40)
        let text = format == .csv
            ? "Date,Profile,Followers,Reach\n2026-02-01,\(String(repeating: "a", count: 40)),1,2\n"
            : "{\"at\": \"2026-02-01T00:00:00Z\", \"f\": 1}\n{\"at\": \"2026-02-01T00:00:00Z\", \"f\": 1, \"g\": 2}\n"
        expectRefusal(file: "x", line: 2, "expected lines of at most 40 bytes (max_line_length), found") { () throws(InputError) in
            try SnapshotDecoding.decode(bytes(text), format: format, csv: Self.options, context: makeContext("x", limits: limits))
        }
    }

    @Test("empty JSON and NDJSON files are refused", arguments: [SnapshotFormat.json, .ndjson])
    func emptyJSON(format: SnapshotFormat) {
        expectRefusal(file: "x", line: 1, "expected a JSON object, found an empty file") { () throws(InputError) in
            try SnapshotDecoding.decode([], format: format, csv: nil, context: makeContext("x"))
        }
    }

    @Test("a CSV snapshot without a mapping is refused")
    func csvWithoutMapping() {
        #expect(throws: InputError.self) {
            try SnapshotDecoding.decode(bytes("a,b\n"), format: .csv, csv: nil, context: makeContext())
        }
    }

    /// For each format: a file whose third row exceeds max_rows 2 (at line 4, after a header or a blank
    /// line), and one of two rows whose third series appears on line 3.
    private static func limitInputs(_ format: SnapshotFormat) -> (rows: String, series: String, name: String) {
        switch format {
        case .csv:
            return ("Date,Profile,Followers,Reach\n2026-02-01,a,1,\n2026-02-01,b,1,\n2026-02-01,c,1,\n",
                    "Date,Profile,Followers,Reach\n2026-02-01,a,1,\n2026-02-01,b,1,1\n", "x.csv")
        case .ndjson:
            let line = "{\"at\": \"2026-02-01T00:00:00Z\", \"f\": 1}\n"
            return (line + "\n" + line + line,
                    line + "\n{\"at\": \"2026-02-01T00:00:00Z\", \"g\": 1, \"h\": 1}\n", "x.ndjson")
        case .json:
            let entry = "{\"metrics\": {\"f\": 1}}"
            return ("{\"version\": 1, \"taken_at\": \"2026-02-01T00:00:00Z\", \"series\": [\n\(entry),\n\(entry),\n\(entry)]}",
                    "{\"version\": 1, \"taken_at\": \"2026-02-01T00:00:00Z\", \"series\": [\n{\"metrics\": {\"f\": 1, \"g\": 1}},\n{\"metrics\": {\"h\": 1}}]}",
                    "x.json")
        }
    }
}
