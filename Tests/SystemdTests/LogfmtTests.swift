import Testing

@testable import Systemd

@Suite("logfmt escaping")
struct LogfmtTests {
    @Test(
        "values are bare unless a space, quote, equals sign, backslash or control character needs quotes",
        arguments: [
            ("instagram", "instagram"),
            ("0.42", "0.42"),
            ("café/aurora:1", "café/aurora:1"),
            ("", "\"\""),
            ("two words", "\"two words\""),
            ("a=b", "\"a=b\""),
            ("say \"hi\"", "\"say \\\"hi\\\"\""),
            ("C:\\path", "\"C:\\\\path\""),
            ("line 1\nline 2", "\"line 1\\nline 2\""),
            ("tab\there", "\"tab\\there\""),
            ("cr\r", "\"cr\\r\""),
            ("bell\u{07}", "\"bell\\u0007\""),
            ("del\u{7F}", "\"del\\u007f\""),
            ("no\u{A0}break", "\"no\u{A0}break\""),
        ])
    func values(raw: String, written: String) {
        #expect(Logfmt.value(raw) == written)
    }

    @Test(
        "keys lose whatever would end or confuse them",
        arguments: [
            ("account", "account"), ("request.id", "request.id"), ("a b", "a_b"), ("a=b", "a_b"),
            ("q\"", "q_"), ("new\nline", "new_line"), ("", "_"), ("clé", "cl_"),
        ])
    func keys(raw: String, written: String) {
        #expect(Logfmt.key(raw) == written)
    }

    @Test(
        "timestamps are UTC with milliseconds",
        arguments: [
            (Int64(1_795_867_200_000), "2026-11-28T12:00:00.000Z"),
            (1_795_867_200_007, "2026-11-28T12:00:00.007Z"),
            (0, "1970-01-01T00:00:00.000Z"),
            (-1, "1969-12-31T23:59:59.999Z"),
        ] as [(Int64, String)])
    func timestamps(milliseconds: Int64, written: String) {
        #expect(Logfmt.timestamp(millisecondsSinceEpoch: milliseconds) == written)
    }
}
