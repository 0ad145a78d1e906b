import Foundation
import Testing
@testable import GoalWatchCore

@Suite("Evaluator: aggregations")
struct EvaluatorAggregationTests {
    func fixture() throws -> EvaluationFixture {
        var fixture = EvaluationFixture()
        let rows: [(String, String, Double)] = [("x", "a", 1), ("x", "b", 3), ("y", "a", 6), ("y", "b", 10), ("z", "a", .nan)]
        for (network, account, value) in rows {
            try fixture.load(#"posts{network="\#(network)", account="\#(account)"}"#, every: .minutes(1), [value])
        }
        return fixture
    }

    @Test("sum, avg, count, group, min and max by and without labels")
    func basic() throws {
        let fixture = try fixture()
        #expect(try fixture.vector(#"sum by (network) (posts{network!="z"})"#, at: .zero) == [#"{network="x"}"#: 4, #"{network="y"}"#: 16])
        #expect(try fixture.vector(#"avg without (account) (posts{network!="z"})"#, at: .zero) == [#"{network="x"}"#: 2, #"{network="y"}"#: 8])
        #expect(try fixture.vector("count(posts)", at: .zero) == ["{}": 5])
        #expect(try fixture.vector("group by (account) (posts)", at: .zero) == [#"{account="a"}"#: 1, #"{account="b"}"#: 1])
        // A NaN loses to any number in min and max.
        #expect(try fixture.vector("max by (account) (posts)", at: .zero) == [#"{account="a"}"#: 6, #"{account="b"}"#: 10])
        #expect(try fixture.vector("min by (account) (posts)", at: .zero) == [#"{account="a"}"#: 1, #"{account="b"}"#: 3])
        #expect(try fixture.vector(#"sum(posts{network="z"})"#, at: .zero)["{}"]?.isNaN == true)
        #expect(try fixture.vector("sum(nothing)", at: .zero).isEmpty)
    }

    @Test("stddev and stdvar are the population figures")
    func spread() throws {
        let values = [1.0, 3, 6, 10]
        let mean = values.reduce(0, +) / 4
        let variance = values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 4
        let fixture = try fixture()
        #expect(isClose(try fixture.vector(#"stdvar(posts{network!="z"})"#, at: .zero)["{}"], variance))
        #expect(isClose(try fixture.vector(#"stddev(posts{network!="z"})"#, at: .zero)["{}"], variance.squareRoot()))
    }

    @Test("topk and bottomk keep whole series, rank NaN last, and return nothing for k < 1")
    func topAndBottom() throws {
        let fixture = try fixture()
        #expect(try fixture.order("topk(2, posts)", at: .zero) == [#"posts{account="b", network="y"}"#, #"posts{account="a", network="y"}"#])
        #expect(try fixture.order("bottomk(1, posts)", at: .zero) == [#"posts{account="a", network="x"}"#])
        let perNetwork = try fixture.vector("topk by (network) (1, posts)", at: .zero)
        #expect(Set(perNetwork.keys) == [#"posts{account="b", network="x"}"#, #"posts{account="b", network="y"}"#, #"posts{account="a", network="z"}"#])
        #expect(perNetwork[#"posts{account="b", network="y"}"#] == 10)
        #expect(try fixture.vector("topk(0, posts)", at: .zero).isEmpty)
        #expect(try fixture.vector("topk(0.5, posts)", at: .zero).isEmpty)
        #expect(throws: EvaluationError.self) { try fixture.vector("topk(0/0, posts)", at: .zero) }
    }

    @Test("quantile interpolates between ranks and answers ±Inf outside 0…1")
    func quantile() throws {
        let fixture = try fixture()
        // Values 1, 3, 6, 10: rank 0.5·3 = 1.5, halfway between 3 and 6.
        #expect(try fixture.vector(#"quantile(0.5, posts{network!="z"})"#, at: .zero) == ["{}": 4.5])
        #expect(try fixture.vector(#"quantile(0.9, posts{network!="z"})"#, at: .zero) == ["{}": 6 + 0.7 * 4])
        #expect(try fixture.vector(#"quantile(-1, posts)"#, at: .zero) == ["{}": -.infinity])
        #expect(try fixture.vector(#"quantile(2, posts)"#, at: .zero) == ["{}": .infinity])
    }

    @Test("count_values writes each value as a label, as Go prints it without an exponent")
    func countValues() throws {
        var fixture = EvaluationFixture()
        for (account, value) in [("a", 1e6), ("b", 1e6), ("c", 0.5)] {
            try fixture.load(#"level{account="\#(account)"}"#, every: .minutes(1), [value])
        }
        #expect(try fixture.vector(#"count_values("value", level)"#, at: .zero) == [#"{value="1000000"}"#: 2, #"{value="0.5"}"#: 1])
        #expect(throws: EvaluationError.self) { try fixture.vector(#"count_values("not a label", level)"#, at: .zero) }
    }
}
