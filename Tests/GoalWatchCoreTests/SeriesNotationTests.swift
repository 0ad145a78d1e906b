import Testing
@testable import GoalWatchCore

/// promtool's expanding notation for input series, and series descriptions.
@Suite("series notation of rule tests")
struct SeriesNotationTests {
    /// Equal values, NaN equal to NaN.
    static func same(_ lhs: [SeriesValue], _ rhs: [SeriesValue]) -> Bool {
        guard lhs.count == rhs.count else { return false }
        return zip(lhs, rhs).allSatisfy { left, right in
            if case .value(let l) = left, case .value(let r) = right, l.isNaN, r.isNaN { return true }
            return left == right
        }
    }

    static let nan = SeriesValue.value(.nan)

    @Test("every form of the notation expands to promtool's values", arguments: [
        ("1 2 3", [.value(1), .value(2), .value(3)]),
        // The documentation's examples.
        ("-2+4x3", [.value(-2), .value(2), .value(6), .value(10)]),
        (" 1-2x4", [.value(1), .value(-1), .value(-3), .value(-5), .value(-7)]),
        (" 1x4", [.value(1), .value(1), .value(1), .value(1), .value(1)]),
        (" 1 _x3 stale", [.value(1), .missing, .missing, .missing, .stale]),
        ("1+0x6 0 0", [SeriesValue](repeating: .value(1), count: 7) + [.value(0), .value(0)]),
        ("10+10x2 30+20x5", [10, 20, 30, 30, 50, 70, 90, 110, 130].map { SeriesValue.value($0) }),
        // Repetition counts of zero.
        ("1x0", [.value(1)]),
        ("_x0 5", [.value(5)]),
        ("_", [.missing]),
        // A signed first value, and a signed value alone.
        ("+2x1 -1x2", [.value(2), .value(2), .value(-1), .value(-1), .value(-1)]),
        ("1 +2x1", [.value(1), .value(2), .value(2)]),
        // Number forms: fractions, exponents, leading dots, digit separators, Go's octal integers.
        ("1.5 -0.25 1e3 2.5E-2 .5 5. 1_000 010 08 0", [
            .value(1.5), .value(-0.25), .value(1000), .value(0.025), .value(0.5), .value(5), .value(1000), .value(8),
            .value(8), .value(0),
        ]),
        ("Inf -Inf +Inf inf NaN nan", [.value(.infinity), .value(-.infinity), .value(.infinity), .value(.infinity), nan, nan]),
        ("Inf+0x1", [.value(.infinity), .value(.infinity)]),
        // A marker plus a step continues with NaN, as promtool's arithmetic on the marker's bits gives.
        ("stale+1x2", [.stale, nan, nan]),
        // Any blanks separate, line breaks included.
        ("1\t2\n3   4\r\n", [.value(1), .value(2), .value(3), .value(4)]),
        ("", []),
        ("   ", []),
    ] as [(String, [SeriesValue])])
    func expands(text: String, values: [SeriesValue]) throws {
        let expanded = try SeriesNotation.values(text)
        #expect(Self.same(expanded, values), "\(expanded)")
    }

    @Test("a progression adds its step value by value, as promtool does, rounding included")
    func progressionAccumulates() throws {
        let values = try SeriesNotation.values("0+0.1x10")
        #expect(values.count == 11)
        var running = 0.0
        for _ in 0..<10 { running += 0.1 }
        #expect(values.last == .value(running))
        #expect(running == 0.9999999999999999)  // not 10 × 0.1 = 1
    }

    @Test("bad values are reported at the offending item", arguments: [
        ("1 2 abc", "1:5", "expected a number, _ or stale, found \"abc\""),
        ("1 5m", "1:3", "expected a number such as 1, -2.5 or 1e3, found \"5m\""),
        ("1.2.3", "1:1", "expected a number such as 1, -2.5 or 1e3, found \"1.2.3\""),
        ("3 1e", "1:3", "expected a number such as 1, -2.5 or 1e3, found \"1e\""),
        ("1__0", "1:1", "expected a number such as 1, -2.5 or 1e3, found \"1__0\""),
        ("1+2", "1:4", "expected 'x' and a number of repetitions after the step \"+2\", found the end of the values"),
        ("1+2 3", "1:4", "expected 'x' and a number of repetitions after the step \"+2\", found a blank"),
        ("1+2x", "1:5", "expected a whole number of repetitions after 'x', found the end of the values"),
        ("1x2.5", "1:3", "expected a whole number of repetitions after 'x', found \"2.5\""),
        ("1x-2", "1:3", "expected a whole number of repetitions after 'x', found '-'"),
        ("x3", "1:1", "expected a value before 'x' (such as 1x5 or 1+2x5)"),
        ("1 - 2", "1:4", "expected a number after '-', found a blank"),
        ("-stale", "1:2", "expected a number after '-', found 'stale'"),
        ("1x2x3", "1:4", "expected a blank between values, found 'x'"),
        ("_1", "1:2", "expected a blank between values, found \"1\""),
        ("_+1x2", "1:2", "expected a blank between values, found '+'"),
        ("stalex3", "1:1", "expected a number, _ or stale, found \"stalex3\""),
        ("Stale", "1:1", "expected a number, _ or stale, found \"Stale\""),
        ("1 {{schema:1 sum:2}}", "1:3", "expected a number, _ or stale, found \"{{\": native histograms are not supported"),
        ("1 ; 2", "1:3", "expected a number, _ or stale, found unexpected character ';'"),
        ("1e999", "1:1", "expected a number within the range of a 64-bit float, found \"1e999\""),
        ("1x1000000", "1:3", "expected at most 1000000 values in one series, found \"1000000\" repetitions"),
        ("1 2x999999", "1:3", "expected at most 1000000 values in one series; this item makes 1000001"),
        ("1\n  2 bad", "2:5", "expected a number, _ or stale, found \"bad\""),
    ])
    func badValues(text: String, position: String, message: String) {
        #expect(throws: InputError(message, at: SourceLocation(file: "", line: Int(position.split(separator: ":")[0])!,
                                                                 column: Int(position.split(separator: ":")[1])!))) {
            try SeriesNotation.values(text)
        }
    }

    @Test("one item short of the limit is accepted")
    func limit() throws {
        #expect(try SeriesNotation.values("1 2x999998").count == SeriesNotation.maximumValues)
    }

    // MARK: - Series descriptions

    @Test("series descriptions give the series' labels", arguments: [
        ("up{job=\"api\", instance=\"a:9090\"}", ["__name__": "up", "job": "api", "instance": "a:9090"]),
        ("up", ["__name__": "up"]),
        ("job:up:sum{job=\"api\",}", ["__name__": "job:up:sum", "job": "api"]),
        ("{__name__=\"up\", job='x'}", ["__name__": "up", "job": "x"]),
        ("{job=\"a\\\"b\\n\", path=`C:\\dir`}", ["job": "a\"b\n", "path": "C:\\dir"]),
        // Keywords of PromQL are metric names here, as in promtool.
        ("sum{by=\"x\"}", ["__name__": "sum", "by": "x"]),
        // An empty value means the label is absent.
        ("up{job=\"\"}", ["__name__": "up"]),
        ("{}", [:]),
        ("", [:]),
    ] as [(String, [String: String])])
    func labels(text: String, labels: [String: String]) throws {
        #expect(try SeriesNotation.labels(text) == Labels(labels))
    }

    @Test("bad series descriptions are reported at the offending token", arguments: [
        ("up{job=~\"a\"}", "1:7", "expected '=' after the label name \"job\" (a series has exact label values, not matchers), found '=~'"),
        ("up{job=\"a\", job=\"b\"}", "1:13", "duplicate label \"job\": each label may appear once in a series"),
        ("up{__name__=\"x\"}", "1:4", "duplicate label \"__name__\": each label may appear once in a series"),
        ("up{job=\"a\" instance=\"b\"}", "1:12", "expected ',' or '}' after a label, found \"instance\""),
        ("up{job=api}", "1:8", "expected a quoted label value such as \"api\", found \"api\""),
        ("up{\"job\"=\"x\"}", "1:4", "expected a label name ([a-zA-Z_][a-zA-Z0-9_]*) or '}', found string \"job\""),
        ("up{job:x=\"a\"}", "1:4", "expected a label name ([a-zA-Z_][a-zA-Z0-9_]*) or '}', found \"job:x\""),
        ("up{job=\"a\"} 1 2", "1:13", "expected the end of the series description, found number 1"),
        ("up{job=\"a\"", "1:11", "expected ',' or '}' after a label, found end of expression"),
        ("rate(up)", "1:5", "expected the end of the series description, found '('"),
        ("5", "1:1", "expected a metric name or '{', found number 5"),
    ])
    func badLabels(text: String, position: String, message: String) {
        let parts = position.split(separator: ":").compactMap { Int($0) }
        #expect(throws: InputError(message, at: SourceLocation(file: "", line: parts[0], column: parts[1]))) {
            try SeriesNotation.labels(text)
        }
    }
}
