import Testing
@testable import GoalWatchCore

@Suite("PromQL expressions print back in Prometheus' canonical form")
struct PromQLRoundTripTests {
    @Test("every construct parses and prints back canonically", arguments: [
        // Numbers and strings
        ("1", "1"),
        ("1.5", "1.5"),
        (".5", "0.5"),
        ("0x1F", "31"),
        ("1e3", "1000"),
        ("2.5E-5", "0.000025"),
        ("Inf", "+Inf"),
        ("-inf", "-Inf"),
        ("NaN", "NaN"),
        ("\"hello\"", "\"hello\""),
        ("'single \"quoted\"'", #""single \"quoted\"""#),
        ("`raw \\n`", #""raw \\n""#),
        (#""tab\there\n""#, #""tab\there\n""#),
        (#""\x41\u00e9\101\U0001F600""#, "\"AéA😀\""),
        (#""\x01\u200b\u00a0 ok""#, #""\x01\u200b\u00a0 ok""#),
        // Selectors
        ("followers", "followers"),
        ("goal:progress_ratio", "goal:progress_ratio"),
        ("sum(by) + offset offset 5m", "sum(by) + offset offset 5m"),
        (#"followers{network="instagram"}"#, #"followers{network="instagram"}"#),
        (#"followers{network="instagram", account=~"acme|globex"}"#, #"followers{account=~"acme|globex",network="instagram"}"#),
        (#"{__name__="followers"}"#, #"{__name__="followers"}"#),
        (#"followers{network!="x",}"#, #"followers{network!="x"}"#),
        ("followers{network!~'tw.*'}", #"followers{network!~"tw.*"}"#),
        (#"followers{network="say \"hi\""}"#, #"followers{network="say \"hi\""}"#),
        // Ranges, offset and @
        ("followers[5m]", "followers[5m]"),
        ("followers[1h30m]", "followers[1h30m]"),
        ("followers[90m]", "followers[1h30m]"),
        ("followers[300]", "followers[5m]"),
        ("followers[250ms]", "followers[250ms]"),
        ("followers[2w]", "followers[2w]"),
        ("followers offset 1d", "followers offset 1d"),
        ("followers offset -7m", "followers offset -7m"),
        ("followers @ 1700000000", "followers @ 1700000000.000"),
        ("followers offset 1h @ start()", "followers @ start() offset 1h"),
        ("followers @ end() offset 1h", "followers @ end() offset 1h"),
        ("followers[5m] offset 1w @ 100.5", "followers[5m] @ 100.500 offset 1w"),
        (#"followers{a="b"}[1y] @ -5"#, #"followers{a="b"}[1y] @ -5.000"#),
        // Operators
        ("1 + 2 * 3", "1 + 2 * 3"),
        ("(1 + 2) * 3", "(1 + 2) * 3"),
        ("2 ^ 3 ^ 2", "2 ^ 3 ^ 2"),
        ("-2 ^ 2", "-2 ^ 2"),
        ("-followers", "-followers"),
        ("+followers", "+followers"),
        ("1 - -1", "1 - -1"),
        ("a or b and c", "a or b and c"),
        ("a > bool b", "a > bool b"),
        ("1 < bool 2", "1 < bool 2"),
        ("followers % 7 != 0", "followers % 7 != 0"),
        ("a / on(network) b", "a / on (network) b"),
        ("a * ignoring(account) group_left(team) b", "a * ignoring (account) group_left (team) b"),
        ("a * on(x) group_right b", "a * on (x) group_right () b"),
        ("a * ignoring() group_left b", "a * ignoring () group_left () b"),
        ("a and on() b", "a and on () b"),
        ("a - ignoring() b", "a - b"),
        ("a unless b", "a unless b"),
        ("a >= on(x, y,) b", "a >= on (x, y) b"),
        // Aggregations
        ("sum(followers)", "sum(followers)"),
        ("sum by (network) (followers)", "sum by (network) (followers)"),
        ("sum(followers) by (network, account)", "sum by (network, account) (followers)"),
        ("avg without (account) (followers)", "avg without (account) (followers)"),
        ("max(followers) without ()", "max without () (followers)"),
        ("sum by () (followers)", "sum(followers)"),
        ("SUM(followers) BY (network)", "sum by (network) (followers)"),
        ("topk(3, followers)", "topk(3, followers)"),
        ("bottomk by (network) (2, followers)", "bottomk by (network) (2, followers)"),
        ("quantile(0.9, followers)", "quantile(0.9, followers)"),
        (#"count_values("value", followers)"#, #"count_values("value", followers)"#),
        ("group(followers)", "group(followers)"),
        ("stddev(followers) + stdvar(followers) + count(followers) + min(followers)",
         "stddev(followers) + stdvar(followers) + count(followers) + min(followers)"),
        // Functions
        ("rate(followers[5m])", "rate(followers[5m])"),
        ("round(followers, 0.5)", "round(followers, 0.5)"),
        ("round(followers)", "round(followers)"),
        (#"label_join(followers, "dst", "-", "a", "b")"#, #"label_join(followers, "dst", "-", "a", "b")"#),
        (#"label_replace(followers, "dst", "$1", "src", "(.*)")"#, #"label_replace(followers, "dst", "$1", "src", "(.*)")"#),
        ("quantile_over_time(0.5, followers[1d])", "quantile_over_time(0.5, followers[1d])"),
        ("holt_forecast(followers[7d], 86400)", "holt_forecast(followers[1w], 86400)"),
        ("pct_change(followers[7d]) > 5", "pct_change(followers[1w]) > 5"),
        ("growth_rate(followers[30d])", "growth_rate(followers[4w2d])"),
        ("predict_linear(followers[1d], 3600)", "predict_linear(followers[1d], 3600)"),
        ("time() - timestamp(followers)", "time() - timestamp(followers)"),
        ("vector(1)", "vector(1)"),
        ("scalar(followers) * 2", "scalar(followers) * 2"),
        ("clamp(followers, 0, 100)", "clamp(followers, 0, 100)"),
        ("absent(followers{network=\"x\"})", "absent(followers{network=\"x\"})"),
        // Layout
        ("rate(followers[5m]) # per second", "rate(followers[5m])"),
        ("sum(\n  followers   # all networks\n)\n", "sum(followers)"),
    ])
    func roundTrip(input: String, canonical: String) throws {
        let expression = try PromQL.parse(input)
        #expect(expression.description == canonical)
        // The canonical form is itself a fixed point.
        #expect(try PromQL.parse(canonical).description == canonical)
    }

    @Test("the value type of an expression follows Prometheus", arguments: [
        ("1", PromQL.ValueType.scalar),
        ("\"a\"", .string),
        ("followers", .instantVector),
        ("followers[5m]", .rangeVector),
        ("-1 + 2 * time()", .scalar),
        ("1 + followers", .instantVector),
        ("scalar(followers)", .scalar),
        ("(rate(followers[5m]))", .instantVector),
        ("sum(followers)", .instantVector),
    ])
    func valueType(input: String, type: PromQL.ValueType) throws {
        #expect(try PromQL.parse(input).type == type)
    }

    @Test("selectors keep their matchers, offset and @ as values")
    func selectorValues() throws {
        let expression = try PromQL.parse(#"followers{network=~"insta.*", account!=""}[1d] offset -1h @ end()"#)
        guard case .matrixSelector(let matrix) = expression.kind else {
            Issue.record("expected a matrix selector, got \(expression)")
            return
        }
        #expect(matrix.range == .days(1))
        #expect(matrix.selector.name == "followers")
        #expect(matrix.selector.offset == .hours(-1))
        #expect(matrix.selector.at == .end)
        #expect(matrix.selector.matchers == [
            try LabelMatcher(name: "network", kind: .matchesRegex, value: "insta.*"),
            try LabelMatcher(name: "account", kind: .notEqual, value: ""),
        ])
    }

    @Test("a node's range covers the text it was parsed from")
    func ranges() throws {
        let expression = try PromQL.parse("  sum(rate(x[5m]))  ")
        #expect(expression.range.start == PromQL.Position(offset: 2, line: 1, column: 3))
        #expect(expression.range.end == PromQL.Position(offset: 18, line: 1, column: 19))
    }
}
