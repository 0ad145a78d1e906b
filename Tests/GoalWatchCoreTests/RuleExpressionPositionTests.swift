import Testing
@testable import GoalWatchCore

@Suite("errors inside expressions and templates point at the file's line and column")
struct RuleExpressionPositionTests {
    static let header = "groups:\n  - name: g\n    rules:\n      - alert: A\n"
    static let badMatcher = #"expected one of '=', '!=', '=~', '!~' after label "network", found '<'"#

    static let cases: [BadRuleFile] = [
        BadRuleFile("plain scalar: the column is offset by where the value starts",
            "        expr: followers{network<\"x\"} > 1\n",
            "rules.yml:5:32: \(badMatcher)"),
        BadRuleFile("plain scalar: end of expression is just past its last character",
            "        expr: sum(rate(x[5m])   # a comment\n",
            "rules.yml:5:30: expected ')' to close '(' opened at 5:18, found end of expression"),
        BadRuleFile("plain scalar over several lines",
            "        expr: sum(\n          followers{network<\"x\"})\n",
            "rules.yml:6:28: \(badMatcher)"),
        BadRuleFile("single-quoted scalar: one more for the quote",
            "        expr: 'followers{network<\"x\"} > 1'\n",
            "rules.yml:5:33: \(badMatcher)"),
        BadRuleFile("single-quoted scalar: a doubled quote is one character of the value",
            "        expr: 'followers{a=''b'', network<''x''}'\n",
            "rules.yml:5:42: \(badMatcher)"),
        BadRuleFile("double-quoted scalar: one more for the quote",
            "        expr: \"followers{network<'x'} > 1\"\n",
            "rules.yml:5:33: \(badMatcher)"),
        BadRuleFile("double-quoted scalar: an escape is one character of the value",
            "        expr: \"followers{a=\\\"b\\\", network<\\\"x\\\"}\"\n",
            "rules.yml:5:42: \(badMatcher)"),
        BadRuleFile("double-quoted scalar: a \\u escape is one character of the value",
            "        expr: \"followers{a=\\\"\\u00e9\\\", network<\\\"x\\\"}\"\n",
            "rules.yml:5:47: \(badMatcher)"),
        BadRuleFile("double-quoted scalar over two lines",
            "        expr: \"sum(\n          followers{network<'x'})\"\n",
            "rules.yml:6:28: \(badMatcher)"),
        BadRuleFile("literal block: the expression's lines are the file's lines after the header",
            "        expr: |\n          sum by (network) (\n            followers{network<\"x\"}\n          )\n",
            "rules.yml:7:30: \(badMatcher)"),
        BadRuleFile("literal block: a bracket opened on an earlier line is named at its file position",
            "        expr: |-\n          sum(\n            rate(x[5m])\n        for: 5m\n",
            "rules.yml:7:24: expected ')' to close '(' opened at 6:14, found end of expression"),
        BadRuleFile("literal block with an explicit indentation",
            "        expr: |2\n            followers{network<\"x\"}\n",
            "rules.yml:6:30: \(badMatcher)"),
        BadRuleFile("literal block after a blank line",
            "        expr: |\n\n          followers{network<\"x\"}\n",
            "rules.yml:7:28: \(badMatcher)"),
        BadRuleFile("folded block: lines joined by a space keep their own columns",
            "        expr: >\n          sum(\n          followers{network<\"x\"})\n",
            "rules.yml:7:28: \(badMatcher)"),
        BadRuleFile("an anchored expression",
            "        expr: &cond followers{network<\"x\"}\n",
            "rules.yml:5:38: \(badMatcher)"),
        BadRuleFile("recover_when in a flow mapping",
            "        expr: x > 60\n        labels: {a: b}\n        recover_when: \"x < 45 and x{network<'x'}\"\n",
            "rules.yml:7:44: \(badMatcher)"),
        BadRuleFile("template in a double-quoted scalar",
            "        expr: up\n        annotations:\n          summary: \"Down: {{ $labels.x | nosuchfunction }}\"\n",
            "rules.yml:7:42: unknown function \"nosuchfunction\""),
        BadRuleFile("template in a literal block, on its second line",
            "        expr: up\n        annotations:\n          description: |\n            Instance {{ $labels.instance }}\n            is down {{ if }}\n",
            "rules.yml:9:21: expected a command, found nothing"),
        BadRuleFile("a tagged expression",
            "        expr: !!str sum(x\n",
            "rules.yml:5:26: expected ')' to close '(' opened at 5:24, found end of expression"),
    ]

    @Test("each scalar style places the error", arguments: cases)
    func placesError(_ example: BadRuleFile) {
        let errors = RuleFixture.errors(Self.header + example.yaml)
        #expect(errors == [example.error])
    }

    @Test("a template error in a literal block points at the offending action's column")
    func templateColumnInBlock() {
        let text = Self.header + "        expr: up\n        annotations:\n          description: |\n            Instance {{ $labels.instance }}\n            is down {{ nosuchfunction }}\n"
        // Line 9 is `            is down {{ nosuchfunction }}`: the function's name starts at column 24.
        #expect(RuleFixture.errors(text) == ["rules.yml:9:24: unknown function \"nosuchfunction\""])
    }

    @Test("the map from a value back to the file, character by character")
    func mapsEveryCharacter() throws {
        let text = "k: \"a\\tb\n  c\"\n"
        let root = try #require(try YAMLDocument.parse(text, file: "f"))
        guard case .mapping(let entries) = root.content, let scalar = entries.first?.value.scalar else {
            Issue.record("expected a mapping")
            return
        }
        #expect(scalar.text == "a\tb c")
        let map = ScalarSourceMap(scalar, in: YAMLSource(text))
        let columns = (1...6).map { map.location(line: 1, column: $0) }.map { "\($0.line):\($0.column)" }
        // a, the \t escape (at its backslash), b, the folded line break (end of line 1), c, end.
        #expect(columns == ["1:5", "1:6", "1:8", "1:9", "2:3", "2:4"])
    }
}
