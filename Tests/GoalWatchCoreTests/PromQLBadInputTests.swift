import Testing
@testable import GoalWatchCore

@Suite("Malformed PromQL is refused with the line, column and reason")
struct PromQLBadInputTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let input: String
        let line: Int
        let column: Int
        let words: [String]

        init(_ input: String, _ line: Int, _ column: Int, _ words: String...) {
            self.input = input
            self.line = line
            self.column = column
            self.words = words
        }

        var testDescription: String { input }
    }

    @Test("bad input", arguments: [
        // Unclosed brackets
        Case("sum(foo", 1, 8, "expected ')' to close '(' opened at 1:4, found end of expression"),
        Case("(1 + 2", 1, 7, "expected ')' to close '(' opened at 1:1"),
        Case("sum(\n  followers\n", 3, 1, "expected ')' to close '(' opened at 1:4"),
        Case(#"followers{network="x""#, 1, 22, "expected '}' to close '{' opened at 1:10"),
        Case("followers[5m", 1, 13, "expected ']' to close '[' opened at 1:10"),
        Case("sum by (network (x)", 1, 17, "expected ',' or ')' to close '(' opened at 1:8", "found '('"),
        Case("rate(x[5m] y)", 1, 12, "expected ',' or ')' to close '(' opened at 1:5, found \"y\""),
        Case(#"x{a="b" c="d"}"#, 1, 9, "expected ',' or '}' to close '{' opened at 1:2, found \"c\""),
        // Matchers
        Case(#"followers{network<"x"}"#, 1, 18, "expected one of '=', '!=', '=~', '!~'", "found '<'"),
        Case("followers{network}", 1, 18, "expected one of '='"),
        Case("followers{network=}", 1, 19, "expected a quoted value for label \"network\"", "found '}'"),
        Case(#"followers{"network"="x"}"#, 1, 11, "expected a label name or '}'"),
        Case(#"followers{network=~"("}"#, 1, 20, "regular expression"),
        Case("{}", 1, 1, "expected a metric name or a matcher that does not match the empty string"),
        Case(#"{a=""}"#, 1, 1, "expected a metric name or a matcher that does not match the empty string"),
        Case(#"followers{__name__="x"}"#, 1, 1, "metric name", "found both"),
        // Function calls
        Case("rate(followers[5m], 1)", 1, 1, "expected 1 argument in call to \"rate\", found 2"),
        Case("clamp(followers, 1)", 1, 1, "expected 3 arguments in call to \"clamp\", found 2"),
        Case("round()", 1, 1, "expected 1 to 2 arguments in call to \"round\", found 0"),
        Case(#"label_join(a, "b")"#, 1, 1, "expected at least 3 arguments"),
        Case("rate(followers)", 1, 6, "expected range vector in call to function \"rate\", found instant vector"),
        Case("abs(followers[5m])", 1, 5, "expected instant vector in call to function \"abs\", found range vector"),
        Case("clamp_min(followers, \"1\")", 1, 22, "expected scalar", "found string"),
        Case("rat(followers[5m])", 1, 1, "unknown function \"rat\" (did you mean \"rate\"?)"),
        Case("frobnicate(x)", 1, 1, "unknown function \"frobnicate\""),
        Case("rate(x[5m],)", 1, 11, "expected an argument after ','", "trailing comma"),
        Case("topk(3, x,)", 1, 10, "expected an argument after ','"),
        // Aggregations
        Case("sum(followers[5m])", 1, 5, "expected instant vector in aggregation \"sum\", found range vector"),
        Case("topk(followers)", 1, 1, "expected 2 arguments in aggregation \"topk\", found 1"),
        Case("sum(a, b)", 1, 1, "expected 1 argument in aggregation \"sum\", found 2"),
        Case(#"topk("3", followers)"#, 1, 6, "expected scalar in parameter of aggregation \"topk\", found string"),
        Case("sum by (a) (x) by (b)", 1, 16, "expected one by (…) or without (…) clause"),
        // Operators
        Case("followers[5m] + 1", 1, 1, "expected a scalar or an instant vector as operand of '+', found range vector"),
        Case("1 + bool 2", 1, 3, "expected a comparison operator before \"bool\", found '+'"),
        Case("1 > 2", 1, 3, "comparisons between scalars must use bool"),
        Case("1 and 2", 1, 3, "expected instant vectors on both sides of \"and\"", "found scalar and scalar"),
        Case("followers or 1", 1, 11, "expected instant vectors on both sides of \"or\""),
        Case("followers * on(x) 2", 1, 11, "expected instant vectors on both sides of vector matching"),
        Case("a and on(x) group_left b", 1, 3, "expected no group_left or group_right on set operator \"and\""),
        Case("a * on(x) group_left(x) b", 1, 3, "label \"x\""),
        Case(#"-"text""#, 1, 2, "expected a scalar or an instant vector after '-', found string"),
        Case("1 +", 1, 4, "expected an expression, found end of expression"),
        Case("sum(on)", 1, 5, "expected an expression, found keyword \"on\""),
        Case("followers followers", 1, 11, "expected an operator or end of expression, found \"followers\""),
        // Ranges, offset, @
        Case("rate(followers[5m])[30m:1m]", 1, 24, "subqueries are not supported"),
        Case("followers[5m:]", 1, 13, "subqueries are not supported"),
        Case("rate(followers[5m])[5m]", 1, 20, "expected a vector selector before the range", "found a function call"),
        Case("followers offset 5m [5m]", 1, 21, "expected the range '[5m]' before offset and @"),
        Case("followers[0s]", 1, 11, "expected a range greater than 0", "found duration 0s"),
        Case("followers[0]", 1, 11, "expected a range greater than 0"),
        Case("followers offset", 1, 17, "expected a duration such as 5m or 1h30m, found end of expression"),
        Case("sum(followers) offset 5m", 1, 16, "expected a selector before 'offset', found an aggregation"),
        Case("followers offset 1m offset 2m", 1, 21, "expected one offset per selector"),
        Case("followers @ 1 @ 2", 1, 15, "expected one @ per selector"),
        Case("followers @ later", 1, 13, "expected a Unix time in seconds, start() or end()"),
        // Lexical
        Case("followers[5x]", 1, 11, "expected a number or a duration", "found \"5x\""),
        Case("followers[5m3h]", 1, 11, "expected a duration such as 5m or 1h30m", "found \"5m3h\""),
        Case("followers[1.5h]", 1, 11, "found \"1.5h\""),
        Case("1 + 1e400", 1, 5, "expected a number within the range of a 64-bit float", "found \"1e400\""),
        Case("2.5.", 1, 1, "found \"2.5.\""),
        Case("followers $ 1", 1, 11, "unexpected character '$'"),
        Case("rate(x[5m]) ≥ 1", 1, 13, "unexpected character '≥'"),
        Case("\"unterminated", 1, 14, "expected \" to close the string opened at 1:1, found end of expression"),
        Case("'no\nnewline'", 1, 4, "expected ' to close the string opened at 1:1, found end of line"),
        Case(#"followers{network="a\q"}"#, 1, 21, "expected an escape such as \\n", "found '\\q'"),
    ])
    func refused(testCase: Case) {
        do {
            let expression = try PromQL.parse(testCase.input)
            Issue.record("expected an error, parsed \(expression)")
        } catch {
            #expect(error.location?.line == testCase.line, "\(error)")
            #expect(error.location?.column == testCase.column, "\(error)")
            for word in testCase.words {
                #expect(error.message.contains(word), "\(error.message) lacks \(word)")
            }
        }
    }
}
