import GoalWatchCore
import GoalWatchIngest
import Testing

@Suite("CSV decoder: accepted input")
struct CSVDecoderTests {
    private func decode(_ text: String, _ options: CSVOptions, context: DecodeContext = makeContext()) throws -> SampleBatch {
        try CSVSnapshotDecoder(options: options).decode(bytes(text), context: context)
    }

    private static let dateFollowers = CSVOptions(
        timestamp: TimestampColumn(column: "Date", format: .pattern("yyyy-MM-dd")), metrics: ["Followers": "followers"])

    @Test("a byte order mark and CRLF line ends are handled")
    func bomAndCRLF() throws {
        let batch = try decode("\u{FEFF}Date,Followers\r\n2026-02-01,100\r\n2026-02-02,101\r\n", Self.dateFollowers)
        #expect(batch.flat == [
            FlatSample("followers", "2026-02-01T00:00:00Z", 100),
            FlatSample("followers", "2026-02-02T00:00:00Z", 101),
        ])
    }

    @Test("quoted fields hold delimiters, doubled quotes and line breaks; rows after them keep their line numbers")
    func quotedFields() throws {
        let text = """
            Date,Text,Followers,Account
            2026-02-01,"hello, ""world""
            second line",100,"acme, inc"
            2026-02-02,plain,oops,acme
            """
        let options = CSVOptions(
            timestamp: TimestampColumn(column: "Date", format: .rfc3339),
            labels: ["Account": "account"], metrics: ["Followers": "followers"])
        let error = expectRefusal(line: 4, "column \"Followers\": expected a number, found \"oops\"") { () throws(InputError) in
            try CSVSnapshotDecoder(options: options).decode(bytes(text), context: makeContext())
        }
        #expect(error != nil)
        let good = text.replacingOccurrences(of: "oops", with: "101")
        let batch = try decode(good, options)
        #expect(batch.flat == [
            FlatSample(#"followers{account="acme, inc"}"#, "2026-02-01T00:00:00Z", 100),
            FlatSample(#"followers{account="acme"}"#, "2026-02-02T00:00:00Z", 101),
        ])
    }

    @Test("semicolon files read decimal commas and dotted thousands")
    func semicolonDecimalComma() throws {
        let text = "Datum;Reichweite;Rate\n01.02.2026 08:00;12.040;4,21\n"
        let options = CSVOptions(
            timestamp: TimestampColumn(column: "Datum", format: .pattern("dd.MM.yyyy HH:mm")),
            metrics: ["Reichweite": "reach", "Rate": "engagement_rate"])
        #expect(Set(try decode(text, options).flat) == [
            FlatSample("reach", "2026-02-01T08:00:00Z", 12040),
            FlatSample("engagement_rate", "2026-02-01T08:00:00Z", 4.21),
        ])
    }

    @Test("tab-separated files are detected from the header")
    func tabs() throws {
        let batch = try decode("Date\tFollowers\n2026-02-01\t7\n", Self.dateFollowers)
        #expect(batch.flat == [FlatSample("followers", "2026-02-01T00:00:00Z", 7)])
    }

    @Test("a % suffix is dropped and the number kept as written")
    func percent() throws {
        let options = CSVOptions(
            timestamp: TimestampColumn(column: "Date", format: .pattern("yyyy-MM-dd")), metrics: ["Rate": "engagement_rate"])
        let batch = try decode("Date,Rate\n2026-02-01,12.5%\n2026-02-02,3 %\n", options)
        #expect(batch.values == [12.5, 3])
    }

    @Test("thousands separators are read inside quotes, in strict groups of three")
    func thousands() throws {
        let options = CSVOptions(
            timestamp: TimestampColumn(column: "Date", format: .pattern("yyyy-MM-dd")), metrics: ["Reach": "reach"])
        let batch = try decode("Date,Reach\n2026-02-01,\"15,000\"\n2026-02-02,\"1,234,567.5\"\n2026-02-03,1.22158E+17\n", options)
        #expect(batch.values == [15_000, 1_234_567.5, 1.22158e17])
    }

    @Test("leading comment lines are skipped and skip_rows drops totals and lifetime rows")
    func commentsAndSkipRows() throws {
        let text = """
            # ----------------------------------------
            # Audience overview
            # Start date: 20260201

            Date,Users
            2026-02-01,10
            Lifetime,999
            2026-02-02,12
            Grand total,22

            """
        let options = CSVOptions(
            timestamp: TimestampColumn(column: "Date", format: .pattern("yyyy-MM-dd")), metrics: ["Users": "users"],
            commentPrefix: "#", skipRows: "Lifetime|Grand total")
        #expect(try decode(text, options).values == [10, 12])
    }

    @Test("empty cells and NA values are missing samples; rows may come in any order")
    func gapsAndOrder() throws {
        let options = CSVOptions(
            timestamp: TimestampColumn(column: "Date", format: .pattern("yyyy-MM-dd")),
            metrics: ["A": "a", "B": "b"])
        let batch = try decode("Date,A,B\n2026-02-03,,n/a\n2026-02-01,1,-\n2026-02-02,N/A,2\n", options)
        #expect(batch.flat == [FlatSample("a", "2026-02-01T00:00:00Z", 1), FlatSample("b", "2026-02-02T00:00:00Z", 2)])
    }

    @Test("labels come from mapped columns, constant labels fill in, data labels win, unmapped columns are ignored")
    func labels() throws {
        let options = CSVOptions(
            timestamp: TimestampColumn(column: "Date", format: .pattern("yyyy-MM-dd")),
            labels: [" Network ": "network", "Profile": "account"], metrics: ["Followers": "followers"])
        let context = makeContext(constantLabels: ["network": "default", "team": "social"])
        let text = "Date, Network ,Profile,Ignored,Followers\n2026-02-01,instagram,acme,x,5\n2026-02-01,,beta,y,6\n"
        #expect(try decode(text, options, context: context).flat == [
            FlatSample(#"followers{account="acme", network="instagram", team="social"}"#, "2026-02-01T00:00:00Z", 5),
            FlatSample(#"followers{account="beta", network="default", team="social"}"#, "2026-02-01T00:00:00Z", 6),
        ])
    }

    @Test("an explicit delimiter and decimal mark override detection")
    func explicitSyntax() throws {
        let options = CSVOptions(
            delimiter: UInt8(ascii: "|"), decimalMark: UInt8(ascii: ","),
            timestamp: TimestampColumn(column: "Date", format: .pattern("yyyy-MM-dd")), metrics: ["V": "v"])
        #expect(try decode("Date|V\n2026-02-01|1.234,5\n", options).values == [1234.5])
    }

    @Test("a header without data rows is an empty batch")
    func headerOnly() throws {
        #expect(try decode("Date,Followers\n", Self.dateFollowers).isEmpty)
    }

    @Test("repeated timestamps and label cells share one series per metric")
    func caches() throws {
        let options = CSVOptions(
            timestamp: TimestampColumn(column: "T", format: .unixSeconds),
            labels: ["Account": "account"], metrics: ["A": "a", "B": "b"])
        var text = "T,Account,A,B\n"
        for row in 0..<100 { text += "\(1_772_000_000 + row / 10 * 3600),acct\(row % 10),\(row),\(row * 2)\n" }
        let batch = try decode(text, options)
        #expect(batch.count == 200)
        #expect(batch.series.count == 20)
        #expect(batch.flat.last == FlatSample(#"b{account="acct9"}"#, Timestamp(milliseconds: 1_772_032_400_000).rfc3339, 198))
    }

    @Test("a file of comment lines has no header row")
    func commentsOnly() {
        let options = CSVOptions(timestamp: TimestampColumn(column: "Date"), metrics: ["Users": "users"], commentPrefix: "#")
        expectRefusal(line: 3, "expected a header row, found only comment or empty lines") { () throws(InputError) in
            try CSVSnapshotDecoder(options: options).decode(bytes("# report\n# end\n"), context: makeContext())
        }
    }
}
