import Testing
@testable import GoalWatchCore

@Suite("PromQL operators bind and group as in Prometheus")
struct PromQLPrecedenceTests {
    /// The expression with every operation in brackets, so the tree's shape is visible.
    private func bracketed(_ expression: PromQL.Expression) -> String {
        switch expression.kind {
        case .binary(let binary):
            var op = binary.op.rawValue
            if binary.returnBool { op += " bool" }
            return "[\(bracketed(binary.lhs)) \(op) \(bracketed(binary.rhs))]"
        case .unary(let sign, let operand):
            return "[\(sign.rawValue)\(bracketed(operand))]"
        case .parenthesized(let inner):
            return "(\(bracketed(inner)))"
        default:
            return expression.description
        }
    }

    @Test("precedence and associativity", arguments: [
        ("1 + 2 * 3", "[1 + [2 * 3]]"),
        ("1 * 2 + 3", "[[1 * 2] + 3]"),
        ("1 - 2 - 3", "[[1 - 2] - 3]"),
        ("8 / 4 / 2", "[[8 / 4] / 2]"),
        ("2 ^ 3 ^ 2", "[2 ^ [3 ^ 2]]"),
        ("-2 ^ 2", "[-[2 ^ 2]]"),
        ("-a * b", "[[-a] * b]"),
        ("-a + b", "[[-a] + b]"),
        ("2 ^ -1", "[2 ^ -1]"),
        ("2 ^ -a * b", "[[2 ^ [-a]] * b]"),
        ("a % b * c", "[[a % b] * c]"),
        ("a + b > c * d", "[[a + b] > [c * d]]"),
        ("a > b == c", "[[a > b] == c]"),
        ("a or b and c", "[a or [b and c]]"),
        ("a and b or c", "[[a and b] or c]"),
        ("a unless b and c", "[[a unless b] and c]"),
        ("a or b or c", "[[a or b] or c]"),
        ("a > bool b", "[a > bool b]"),
        ("a == bool 1 and b", "[[a == bool 1] and b]"),
        ("(a or b) and c", "[([a or b]) and c]"),
        ("--a", "[-[-a]]"),
    ])
    func shape(input: String, expected: String) throws {
        let expression = try PromQL.parse(input)
        #expect(bracketed(expression) == expected)
    }

    @Test("a sign on a number literal is folded into it, as Prometheus does")
    func foldedSign() throws {
        #expect(try PromQL.parse("-5").kind == .number(-5))
        #expect(try PromQL.parse("+5").kind == .number(5))
        #expect(try PromQL.parse("- 0x10").kind == .number(-16))
    }

    @Test("vector matching is recorded with its cardinality and labels", arguments: [
        ("a + b", PromQL.VectorMatching()),
        ("a + on(x) b", PromQL.VectorMatching(matchingLabels: ["x"], on: true)),
        ("a + ignoring(x) b", PromQL.VectorMatching(matchingLabels: ["x"])),
        ("a + on(x) group_left(y, z) b", PromQL.VectorMatching(cardinality: .manyToOne, matchingLabels: ["x"], on: true, include: ["y", "z"])),
        ("a + ignoring(x) group_right b", PromQL.VectorMatching(cardinality: .oneToMany, matchingLabels: ["x"])),
        ("a and b", PromQL.VectorMatching(cardinality: .manyToMany)),
        ("a or on(x) b", PromQL.VectorMatching(cardinality: .manyToMany, matchingLabels: ["x"], on: true)),
    ])
    func matching(input: String, expected: PromQL.VectorMatching) throws {
        guard case .binary(let binary) = try PromQL.parse(input).kind else {
            Issue.record("expected a binary expression")
            return
        }
        #expect(binary.matching == expected)
    }

    @Test("operations with a scalar side carry no vector matching, even after an empty on ()", arguments: [
        "a * 2", "a * on() 2", "2 - ignoring() a",
    ])
    func scalarOperationsHaveNoMatching(input: String) throws {
        let expression = try PromQL.parse(input)
        guard case .binary(let binary) = expression.kind else {
            Issue.record("expected a binary expression")
            return
        }
        #expect(binary.matching == nil)
        #expect(!expression.description.contains("on") && !expression.description.contains("ignoring"))
    }

    @Test("aggregations keep their grouping, written before or after the arguments", arguments: [
        ("sum by (a, b) (x)", ["a", "b"], false),
        ("sum(x) by (a, b,)", ["a", "b"], false),
        ("sum without (a) (x)", ["a"], true),
        ("sum(x) without (a)", ["a"], true),
        ("sum(x)", [], false),
    ])
    func grouping(input: String, labels: [String], without: Bool) throws {
        guard case .aggregation(let aggregation) = try PromQL.parse(input).kind else {
            Issue.record("expected an aggregation")
            return
        }
        #expect(aggregation.grouping == labels)
        #expect(aggregation.without == without)
    }
}
