import Foundation
import Testing
@testable import GoalWatchCore

@Suite("alert matchers, read and applied as Alertmanager does")
struct AlertMatcherTests {
    @Test("the four operators, quoted and unquoted values, blanks around each part", arguments: [
        ("team=\"care\"", "team", AlertMatcher.Operator.equal, "care"),
        ("severity!=\"info\"", "severity", .notEqual, "info"),
        ("severity=~\"warning|critical\"", "severity", .matchesRegex, "warning|critical"),
        ("network!~\"x|tiktok\"", "network", .notMatchesRegex, "x|tiktok"),
        ("team=care", "team", .equal, "care"),
        ("  team =  care team  ", "team", .equal, "care team"),
        ("team = \"care\"  ", "team", .equal, "care"),
        ("team=", "team", .equal, ""),
        ("team=\"\"", "team", .equal, ""),
        // An unquoted value takes the rest of the text, commas included.
        ("note=a,b=c", "note", .equal, "a,b=c"),
    ])
    func parsesOneMatcher(text: String, name: String, op: AlertMatcher.Operator, value: String) throws {
        let matcher = try AlertMatcher.parse(text)
        #expect(matcher.name == name)
        #expect(matcher.op == op)
        #expect(matcher.value == value)
    }

    @Test("escapes in values: \\\" \\n \\\\ are resolved, other backslashes stay", arguments: [
        (#"msg="say \"hi\"""#, "say \"hi\""),
        (#"msg="a\nb""#, "a\nb"),
        (#"msg="C:\\temp""#, #"C:\temp"#),
        (#"id=~"\d+""#, #"\d+"#),
        (#"path=a\b"#, #"a\b"#),
        (#"end="trailing\\""#, #"trailing\"#),
    ])
    func resolvesEscapes(text: String, value: String) throws {
        #expect(try AlertMatcher.parse(text).value == value)
    }

    @Test("a list, with or without braces, a trailing comma, commas inside quotes")
    func parsesLists() throws {
        let expected = [
            try AlertMatcher(name: "team", op: .equal, value: "care"),
            try AlertMatcher(name: "severity", op: .notEqual, value: "info"),
        ]
        #expect(try AlertMatcher.parseList("{team=\"care\", severity!=\"info\"}") == expected)
        #expect(try AlertMatcher.parseList("team=\"care\",severity!=\"info\"") == expected)
        #expect(try AlertMatcher.parseList("team=care, severity!=info,") == expected)
        #expect(try AlertMatcher.parseList(" { team = \"care\" , severity != \"info\" , } ") == expected)
        #expect(try AlertMatcher.parseList("summary=\"a, b\", team=care").map(\.value) == ["a, b", "care"])
        #expect(try AlertMatcher.parseList(#"q="x \"y, z\"", team=care"#).map(\.value) == [#"x "y, z""#, "care"])
        #expect(try AlertMatcher.parseList("{}").isEmpty)
        #expect(try AlertMatcher.parseList("").isEmpty)
    }

    @Test("regular expressions match the whole value")
    func regexIsAnchored() throws {
        let warning = try AlertMatcher.parse("severity=~\"warn\"")
        #expect(!warning.matches(["severity": "warning"]))
        #expect(warning.matches(["severity": "warn"]))
        let either = try AlertMatcher.parse("severity=~\"warning|critical\"")
        #expect(either.matches(["severity": "critical"]))
        #expect(!either.matches(["severity": "critical!"]))
        let not = try AlertMatcher.parse("network!~\"x|tiktok\"")
        #expect(not.matches(["network": "instagram"]))
        #expect(!not.matches(["network": "x"]))
        #expect(not.matches(["network": "xing"]))
    }

    @Test("a missing label matches as the empty string")
    func missingLabelIsEmpty() throws {
        #expect(try AlertMatcher.parse("team=\"\"").matches([:]))
        #expect(try !AlertMatcher.parse("team!=\"\"").matches([:]))
        #expect(try AlertMatcher.parse("team!=\"care\"").matches([:]))
        #expect(try AlertMatcher.parse("team=~\".*\"").matches([:]))
        #expect(try !AlertMatcher.parse("team=~\".+\"").matches([:]))
        #expect(try AlertMatcher.parse("team=~\"care|\"").matchesEmpty)
        #expect(try !AlertMatcher.parse("team=\"care\"").matchesEmpty)
    }

    @Test("the description is Alertmanager's canonical text, and parses back to the same matcher", arguments: [
        ("team=care", #"team="care""#),
        ("severity =~ warning|critical", #"severity=~"warning|critical""#),
        (#"msg="say \"hi\"\nnow""#, #"msg="say \"hi\"\nnow""#),
        (#"id=~"\d+""#, #"id=~"\\d+""#),
        ("team!=", #"team!="""#),
    ])
    func descriptionRoundTrips(text: String, canonical: String) throws {
        let matcher = try AlertMatcher.parse(text)
        #expect(matcher.description == canonical)
        #expect(try AlertMatcher.parse(matcher.description) == matcher)
    }

    @Test("a matcher encodes as its canonical text and decodes from it")
    func codableAsText() throws {
        let matchers = try AlertMatcher.parseList(#"team="care", id=~"\d+", msg="a\"b""#)
        let data = try JSONEncoder().encode(matchers)
        #expect(String(decoding: data, as: UTF8.self) == #"["team=\"care\"","id=~\"\\\\d+\"","msg=\"a\\\"b\""]"#)
        #expect(try JSONDecoder().decode([AlertMatcher].self, from: data) == matchers)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(AlertMatcher.self, from: Data(#""team~care""#.utf8)) }
    }

    @Test("matchers sort as Alertmanager sorts them: by name, then value, then operator")
    func sortsLikeAlertmanager() throws {
        let sorted = try AlertMatcher.parseList(#"team!="b", alertname="X", team="b", team="a""#).sorted()
        #expect(sorted.map(\.description) == [#"alertname="X""#, #"team="a""#, #"team="b""#, #"team!="b""#])
    }

    @Test("bad matchers are refused at the line and column inside the text", arguments: [
        ("team", "1:5: expected =, !=, =~ or !~ after the label name team, found the end of the matcher"),
        ("team~\"care\"", "1:5: expected =, !=, =~ or !~ after the label name team, found \"~\\\"care\\\"\""),
        ("=\"care\"", "1:1: expected a label name ([a-zA-Z_][a-zA-Z0-9_]*) to start a matcher such as team=\"care\", found \"=\\\"care\\\"\""),
        ("2team=\"care\"", "1:1: expected a label name ([a-zA-Z_][a-zA-Z0-9_]*) to start a matcher such as team=\"care\", found \"2team\""),
        ("te:am=\"care\"", "1:1: expected a label name ([a-zA-Z_][a-zA-Z0-9_]*) to start a matcher such as team=\"care\", found \"te:am\""),
        ("team=\"care", "1:11: expected '\"' to close the value opened at 1:6, found the end of the matcher"),
        ("team=\"ca\"re\"", "1:9: unexpected '\"' in the value of the matcher (write \\\" for a double quote inside the value)"),
        ("team=ca\"re", "1:8: unexpected '\"' in the value of the matcher (quote the whole value, writing \\\" for a double quote)"),
        ("", "1:1: expected a matcher such as team=\"care\", found nothing"),
    ])
    func refusesBadMatcher(text: String, error: String) {
        #expect(Self.error { () throws(InputError) in _ = try AlertMatcher.parse(text) } == error)
    }

    @Test("a bad regular expression is refused at its value, with the engine's explanation")
    func refusesBadRegex() {
        let error = Self.error { () throws(InputError) in _ = try AlertMatcher.parseList("team=\"care\", severity=~\"warn(ing\"") }
        #expect(error?.hasPrefix("1:24: expected a valid regular expression, found \"warn(ing\": ") == true, "\(error ?? "")")
    }

    @Test("a blank item between commas is refused; positions count lines too")
    func refusesBlankItem() {
        #expect(Self.error { () throws(InputError) in _ = try AlertMatcher.parseList("team=care,,severity=info") }
            == "1:11: expected a matcher such as team=\"care\", found nothing")
        #expect(Self.error { () throws(InputError) in _ = try AlertMatcher.parseList("team=care,\n  severity=~\"(\"") }?
            .hasPrefix("2:13: expected a valid regular expression") == true)
    }

    @Test("building a matcher checks the name and compiles the regular expression")
    func initValidates() {
        #expect(throws: InputError.self) { try AlertMatcher(name: "bad-name", op: .equal, value: "x") }
        #expect(throws: InputError.self) { try AlertMatcher(name: "team", op: .matchesRegex, value: "(") }
        #expect(throws: Never.self) { try AlertMatcher(name: "team", op: .equal, value: "(") }
    }

    /// `line:column: message` of the error `body` throws, `nil` when it does not throw.
    static func error(_ body: () throws(InputError) -> Void) -> String? {
        do {
            try body()
            return nil
        } catch {
            guard let location = error.location else { return error.message }
            return "\(location.line):\(location.column): \(error.message)"
        }
    }
}
