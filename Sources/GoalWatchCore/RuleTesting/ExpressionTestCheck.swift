/// Compares the result of a `promql_expr_test` with its `exp_samples`, order-independent, as promtool does.
enum ExpressionTestCheck {
    static func compare(_ test: PromQLExprTest, evaluator: Evaluator, at time: Timestamp, prefix: String, fuzzy: Bool) -> [String] {
        let header = "\(prefix)    expr: \(quoted(test.expressionText)), time: \(test.evalTime)"
        let got: [(Labels, Double)]
        do {
            switch try evaluator.evaluate(test.expression, at: time) {
            case .vector(let elements): got = elements.map { ($0.labels, $0.value) }
            case .scalar(let value): got = [(.empty, value)]
            case .string, .matrix: got = []
            }
        } catch {
            return ["\(header), err: \(error.message)"]
        }
        let actual = got.sorted { $0.0 < $1.0 }
        let expected = test.expectedSamples.map { ($0.labels, $0.value) }.sorted { $0.0 < $1.0 }
        let same = actual.count == expected.count && zip(actual, expected).allSatisfy { got, want in
            got.0 == want.0 && valuesMatch(got.1, want.1, fuzzy: fuzzy)
        }
        guard !same else { return [] }
        return ["\(header),\n        exp: \(describe(expected))\n        got: \(describe(actual))"]
    }

    /// Exact equality (NaN equal to NaN); with `fuzzy_compare`, equal to about 1e-6 relative.
    static func valuesMatch(_ got: Double, _ want: Double, fuzzy: Bool) -> Bool {
        if got.isNaN || want.isNaN { return got.isNaN && want.isNaN }
        if got == want { return true }
        guard fuzzy, got.isFinite, want.isFinite else { return false }
        return abs(got - want) <= 1e-6 * max(abs(got), abs(want))
    }

    private static func describe(_ samples: [(Labels, Double)]) -> String {
        "[" + samples.map { "\($0.0) \(PromQL.formatNumber($0.1))" }.joined(separator: ", ") + "]"
    }

    private static func quoted(_ text: String) -> String {
        "\"" + Labels.escape(text) + "\""
    }
}
