import GoalWatchCore
import GoalWatchIngest
import Testing

@Suite("CSV timestamps")
struct CSVTimestampTests {
    /// Decodes a one-row file whose time cell is `cell`; returns the sample's time in RFC 3339 (UTC).
    private func decodeTime(_ cell: String, _ format: TimestampFormat, zone: String? = nil) throws(InputError) -> SampleBatch {
        let options = CSVOptions(
            delimiter: UInt8(ascii: ","), timestamp: TimestampColumn(column: "When", format: format, timeZone: zone),
            metrics: ["V": "v"])
        return try CSVSnapshotDecoder(options: options).decode(bytes("When,V\n\"\(cell)\",1\n"), context: makeContext())
    }

    private func time(_ cell: String, _ format: TimestampFormat, zone: String? = nil) throws -> String? {
        try decodeTime(cell, format, zone: zone).flat.first?.time
    }

    @Test("Unicode date patterns read the cells exports write", arguments: [
        ("yyyy-MM-dd", "2026-02-01", "2026-02-01T00:00:00Z"),
        ("dd.MM.yyyy HH:mm", "01.02.2026 08:30", "2026-02-01T08:30:00Z"),
        ("yyyy-MM-dd HH:mm Z", "2021-11-30 16:00 +0000", "2021-11-30T16:00:00Z"),
        ("yyyy-MM-dd HH:mm Z", "2021-11-30 18:00 +02:00", "2021-11-30T16:00:00Z"),
        ("EEE, MMM d, yyyy", "Thu, Sep 11, 2025", "2025-09-11T00:00:00Z"),
        ("M/d/yyyy", "9/1/2025", "2025-09-01T00:00:00Z"),
        ("M/d/yyyy", "12/31/2025", "2025-12-31T00:00:00Z"),
        ("yyyy-MM-dd'T'HH:mm:ss.SSSXXX", "2026-02-01T08:30:15.250+01:00", "2026-02-01T07:30:15.250Z"),
        ("yyyy-MM-dd'T'HH:mm:ssX", "2026-02-01T08:30:15Z", "2026-02-01T08:30:15Z"),
        ("EEEE, MMMM d, yyyy h:mm a", "Sunday, February 1, 2026 1:05 PM", "2026-02-01T13:05:00Z"),
        ("MMM d yyyy hh a", "feb 1 2026 12 am", "2026-02-01T00:00:00Z"),
        ("yy-MM-dd", "26-02-01", "2026-02-01T00:00:00Z"),
        ("yyyyMMddHHmmss", "20260201083015", "2026-02-01T08:30:15Z"),
        ("d.M.yyyy 'um' H:mm 'Uhr'", "1.2.2026 um 8:05 Uhr", "2026-02-01T08:05:00Z"),
        ("yyyy-MM-dd HH:mm:ss.S", "2026-02-01 08:30:15.5", "2026-02-01T08:30:15.500Z"),
    ])
    func patterns(pattern: String, cell: String, expected: String) throws {
        #expect(try time(cell, .pattern(pattern)) == expected)
    }

    @Test("RFC 3339 cells, bare dates at midnight in the column's zone, and Unix times", arguments: [
        ("2026-02-01T08:00:00+01:00", TimestampFormat.rfc3339, nil, "2026-02-01T07:00:00Z"),
        ("2026-02-01 08:00:00.5Z", .rfc3339, nil, "2026-02-01T08:00:00.500Z"),
        ("2026-02-01", .rfc3339, nil, "2026-02-01T00:00:00Z"),
        ("2026-02-01", .rfc3339, "Europe/Berlin", "2026-01-31T23:00:00Z"),
        ("1772000000.5", .unixSeconds, nil, "2026-02-25T06:13:20.500Z"),
        ("1772000000123", .unixMilliseconds, nil, "2026-02-25T06:13:20.123Z"),
    ] as [(String, TimestampFormat, String?, String)])
    func otherFormats(cell: String, format: TimestampFormat, zone: String?, expected: String) throws {
        #expect(try time(cell, format, zone: zone) == expected)
    }

    @Test("local times convert with the zone's offset of the day", arguments: [
        ("2026-02-01 10:00", "America/Los_Angeles", "2026-02-01T18:00:00Z"),
        ("2025-07-01 10:00", "America/Los_Angeles", "2025-07-01T17:00:00Z"),
        ("2025-07-01 10:00", "Europe/Istanbul", "2025-07-01T07:00:00Z"),
        // Around Berlin's spring change (2025-03-30, 02:00 → 03:00) and autumn change (2025-10-26, 03:00 → 02:00).
        ("2025-03-30 01:30", "Europe/Berlin", "2025-03-30T00:30:00Z"),
        ("2025-03-30 03:30", "Europe/Berlin", "2025-03-30T01:30:00Z"),
        ("2025-10-26 02:30", "Europe/Berlin", "2025-10-26T00:30:00Z"),
        ("2025-10-26 03:30", "Europe/Berlin", "2025-10-26T02:30:00Z"),
    ])
    func zones(cell: String, zone: String, expected: String) throws {
        #expect(try time(cell, .pattern("yyyy-MM-dd HH:mm"), zone: zone) == expected)
    }

    @Test("a local time inside the spring gap is refused")
    func springGap() {
        expectRefusal(line: 2, "expected a time that exists in Europe/Berlin, found \"2025-03-30 02:30\"") { () throws(InputError) in
            try decodeTime("2025-03-30 02:30", .pattern("yyyy-MM-dd HH:mm"), zone: "Europe/Berlin")
        }
    }

    @Test("impossible dates and times are refused with the reason", arguments: [
        ("2026-02-30", "yyyy-MM-dd", "February 2026 has 28 days"),
        ("2026-13-01", "yyyy-MM-dd", "there is no month 13"),
        ("2026-02-01 25:00", "yyyy-MM-dd HH:mm", "expected a time of day from 00:00 to 23:59"),
        ("13:00 PM 2026-02-01", "hh:mm a yyyy-MM-dd", "expected a time of day from 00:00 to 23:59"),
        ("Fri, Sep 11, 2025", "EEE, MMM d, yyyy", "expected Thursday for that date"),
        ("2026/02/01", "yyyy-MM-dd", "expected a time written as \"yyyy-MM-dd\", found \"2026/02/01\""),
    ])
    func impossible(cell: String, pattern: String, fragment: String) {
        expectRefusal(line: 2, fragment) { () throws(InputError) in try decodeTime(cell, .pattern(pattern)) }
    }

    @Test("impossible RFC 3339 times are refused with the reason", arguments: [
        ("2026-02-30", "February 2026 has 28 days"),
        ("2026-02-30T00:00:00Z", "February 2026 has 28 days"),
        ("2026-02-01T25:00:00Z", "expected a time of day from 00:00 to 23:59"),
        ("yesterday", "expected an RFC 3339 time"),
    ])
    func impossibleRFC3339(cell: String, fragment: String) {
        expectRefusal(line: 2, fragment) { () throws(InputError) in try decodeTime(cell, .rfc3339) }
    }

    @Test("a bad mapping is reported by the decoder and thrown by decode, without a location", arguments: [
        (TimestampColumn(column: "When", format: .pattern("yyyy-QQ-dd")), "found \"QQ\""),
        (TimestampColumn(column: "When", format: .pattern("hh:mm yyyy-MM-dd")), "expected h (1–12) together with a"),
        (TimestampColumn(column: "When", format: .pattern("MM-dd")), "expected a year (y), month (M) and day (d)"),
        (TimestampColumn(column: "When", format: .pattern("yyyy-MM-dd 'T")), "expected a closing '"),
        (TimestampColumn(column: "When", format: .rfc3339, timeZone: "Europe/Berln"), "expected an IANA time zone"),
    ])
    func badMapping(column: TimestampColumn, fragment: String) {
        let decoder = CSVSnapshotDecoder(options: CSVOptions(timestamp: column, metrics: ["V": "v"]))
        #expect(decoder.mappingError?.message.contains(fragment) == true, "\(String(describing: decoder.mappingError))")
        #expect(decoder.mappingError?.location == nil)
        #expect(throws: InputError.self) { try decoder.decode(bytes("When,V\n2026-02-01,1\n"), context: makeContext()) }
    }
}
