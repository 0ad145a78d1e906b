import GoalWatchCore
import GoalWatchIngest
import Testing

@Suite("CSV numbers")
struct CSVNumberTests {
    /// Decodes one quoted cell of a one-metric file; the delimiter implies the decimal mark.
    private func decodeCell(_ cell: String, decimalComma: Bool = false) throws(InputError) -> SampleBatch {
        let options = CSVOptions(
            delimiter: UInt8(ascii: decimalComma ? ";" : ","),
            timestamp: TimestampColumn(column: "Date", format: .pattern("yyyy-MM-dd")), metrics: ["V": "v"])
        let separator = decimalComma ? ";" : ","
        let text = "Date\(separator)V\n2026-02-01\(separator)\"\(cell)\"\n"
        return try CSVSnapshotDecoder(options: options).decode(bytes(text), context: makeContext())
    }

    private func value(_ cell: String, decimalComma: Bool = false) throws -> Double? {
        try decodeCell(cell, decimalComma: decimalComma).values.first
    }

    @Test("numbers under a decimal point", arguments: [
        ("0", 0), ("-12", -12), ("+7", 7), ("3.25", 3.25), (".5", 0.5), ("15,000", 15_000), ("1,234,567.5", 1_234_567.5),
        ("1.22158E+17", 1.22158e17), ("2e-3", 0.002), ("1777.0", 1777), ("12.040", 12.04), ("  42  ", 42), ("99.5%", 99.5),
    ] as [(String, Double)])
    func decimalPoint(cell: String, expected: Double) throws {
        #expect(try value(cell) == expected)
    }

    @Test("numbers under a decimal comma", arguments: [
        ("4,21", 4.21), ("12.040", 12_040), ("1.234.567,5", 1_234_567.5), ("-0,5", -0.5), ("7", 7), ("1,22158E+17", 1.22158e17),
    ] as [(String, Double)])
    func decimalComma(cell: String, expected: Double) throws {
        #expect(try value(cell, decimalComma: true) == expected)
    }

    @Test("ambiguous or malformed numbers are refused", arguments: [
        "12k", "1,5", "1234,567", ",123", "1,23", "12,0000", "1 234", "1.2.3", "e5", "1e", "--1", "0x1F", "1,234.5,6",
    ])
    func refused(cell: String) {
        expectRefusal(line: 2, "expected a number, found") { () throws(InputError) in try decodeCell(cell) }
    }

    @Test("non-finite numbers are refused, written as words or out of range", arguments: [
        "NaN", "nan", "inf", "-Inf", "Infinity", "1e999",
    ])
    func nonFinite(cell: String) {
        expectRefusal(line: 2, "expected a finite number, found") { () throws(InputError) in try decodeCell(cell) }
    }

    @Test("values are correctly rounded, as the standard library parses them, on hard cases")
    func exactness() throws {
        let hard = [
            "0.1", "0.3", "9007199254740993", "9007199254740992", "1e23", "8.589973e9", "2.2250738585072014e-308",
            "1.7976931348623157e308", "4.9e-324", "123456789012345678901234567890", "0.000001234567890123456789",
            "3.14159265358979323846", "179769313486231570000000000000000000000", "1.00000000000000011102230246251565",
            "4.35", "1234567.891", "0.0000000000000000000000001",
        ]
        for text in hard {
            #expect(try value(text) == Double(text), "\(text)")
        }
        // A fixed pseudo-random sweep of typical export values, so that no run differs from another.
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<2000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let integer = state >> 40
            let fraction = (state >> 8) % 100_000
            let text = "\(integer).\(fraction)"
            #expect(try value(text) == Double(text), "\(text)")
        }
    }
}
