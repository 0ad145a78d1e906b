import Testing
@testable import GoalWatchCore

@Suite("Evaluator: arithmetic, comparisons, vector matching and set operators")
struct EvaluatorOperatorTests {
    func fixture() throws -> EvaluationFixture {
        var fixture = EvaluationFixture()
        try fixture.load(#"engagements{network="x", account="a"}"#, every: .minutes(1), [30])
        try fixture.load(#"engagements{network="y", account="a"}"#, every: .minutes(1), [10])
        try fixture.load(#"impressions{network="x", account="a"}"#, every: .minutes(1), [1000])
        try fixture.load(#"impressions{network="y", account="a"}"#, every: .minutes(1), [0])
        try fixture.load(#"target{account="a"}"#, every: .minutes(1), [50])
        return fixture
    }

    @Test("scalar arithmetic follows IEEE: division by zero is ±Inf or NaN, % is fmod, ^ is right-associative")
    func scalars() throws {
        let fixture = try fixture()
        #expect(try fixture.scalar("1 / 0", at: .zero) == .infinity)
        #expect(try fixture.scalar("-1 / 0", at: .zero) == -.infinity)
        #expect(try fixture.scalar("0 / 0", at: .zero).isNaN)
        #expect(try fixture.scalar("-7 % 3", at: .zero) == -1)
        #expect(try fixture.scalar("2 ^ 3 ^ 2", at: .zero) == 512)
        #expect(try fixture.scalar("1 + 2 * 3", at: .zero) == 7)
        #expect(try fixture.scalar("3 > bool 2", at: .zero) == 1)
        #expect(try fixture.scalar("(0/0) == bool (0/0)", at: .zero) == 0)
        #expect(try fixture.scalar("(0/0) != bool (0/0)", at: .zero) == 1)
        #expect(try fixture.scalar("time()", at: .minutes(2)) == 120)
    }

    @Test("vector arithmetic matches one-to-one on all labels but the name, and drops the name")
    func oneToOne() throws {
        let result = try fixture().vector("engagements / impressions", at: .zero)
        #expect(result == [#"{account="a", network="x"}"#: 0.03, #"{account="a", network="y"}"#: .infinity])
        #expect(try fixture().vector("-engagements", at: .zero) == [#"{account="a", network="x"}"#: -30, #"{account="a", network="y"}"#: -10])
    }

    @Test("comparisons filter and keep the vector's value and name; bool gives 0 or 1 without the name")
    func comparisons() throws {
        let fixture = try fixture()
        #expect(try fixture.vector("engagements > 20", at: .zero) == [#"engagements{account="a", network="x"}"#: 30])
        #expect(try fixture.vector("20 < engagements", at: .zero) == [#"engagements{account="a", network="x"}"#: 30])
        #expect(try fixture.vector("engagements > bool 20", at: .zero)
            == [#"{account="a", network="x"}"#: 1, #"{account="a", network="y"}"#: 0])
        #expect(try fixture.vector("engagements > impressions", at: .zero) == [#"engagements{account="a", network="y"}"#: 10])
        #expect(try fixture.vector("engagements * 2", at: .zero)[#"{account="a", network="x"}"#] == 60)
    }

    @Test("on, ignoring and group_left pair many series with one, copying included labels")
    func groupLeft() throws {
        var fixture = try fixture()
        try fixture.load(#"target{account="a", owner="mia"}"#, every: .minutes(1), [1])
        // Two `target` series match account="a" now: one-to-one matching must refuse.
        #expect(throws: EvaluationError.self) { try fixture.vector("engagements / on (account) target", at: .zero) }
        var single = try self.fixture()
        try single.load(#"owner{account="a", owner="mia"}"#, every: .minutes(1), [1])
        #expect(try single.vector("engagements / on (account) group_left target", at: .zero)
            == [#"{account="a", network="x"}"#: 0.6, #"{account="a", network="y"}"#: 0.2])
        #expect(try single.vector("engagements * on (account) group_left (owner) owner", at: .zero)
            == [#"{account="a", network="x", owner="mia"}"#: 30, #"{account="a", network="y", owner="mia"}"#: 10])
        #expect(try single.vector("owner * on (account) group_right (owner) engagements", at: .zero)
            == [#"{account="a", network="x", owner="mia"}"#: 30, #"{account="a", network="y", owner="mia"}"#: 10])
        #expect(try single.vector("sum by (account) (engagements) / ignoring (owner) owner", at: .zero) == [#"{account="a"}"#: 40])
    }

    @Test("a many side without group_left is refused, as are duplicate series on the one side")
    func cardinalityErrors() throws {
        let fixture = try fixture()
        #expect(throws: EvaluationError.self) { try fixture.vector("engagements / on (account) target", at: .zero) }
        #expect(throws: EvaluationError.self) { try fixture.vector("target / on (account) group_left engagements", at: .zero) }
        #expect(throws: EvaluationError.self) { try fixture.vector(#"{__name__=~"engagements|impressions"} * 1"#, at: .zero) }
    }

    @Test("and, or and unless match on labels, ignoring the name")
    func setOperators() throws {
        let fixture = try fixture()
        #expect(try fixture.vector("engagements and impressions > 0", at: .zero) == [#"engagements{account="a", network="x"}"#: 30])
        #expect(try fixture.vector("engagements unless impressions > 0", at: .zero) == [#"engagements{account="a", network="y"}"#: 10])
        #expect(try fixture.vector("engagements > 20 or impressions", at: .zero)
            == [#"engagements{account="a", network="x"}"#: 30, #"impressions{account="a", network="y"}"#: 0])
        #expect(try fixture.vector("engagements and on (account) target", at: .zero).count == 2)
        #expect(try fixture.vector("engagements and on (network) target", at: .zero).isEmpty)
    }
}
