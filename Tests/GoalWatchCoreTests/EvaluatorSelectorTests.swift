import Testing
@testable import GoalWatchCore

@Suite("Evaluator: selectors, lookback, staleness, offset and @")
struct EvaluatorSelectorTests {
    @Test("an instant selector takes the newest sample within the lookback, which is left-open")
    func lookback() throws {
        var fixture = EvaluationFixture()
        try fixture.load(#"followers{network="x"}"#, every: .minutes(10), [100, 110])
        #expect(try fixture.vector("followers", at: .minutes(14)) == [#"followers{network="x"}"#: 110])
        // The sample at 10m is exactly 5m old at 15m: outside the left-open window (10m, 15m].
        #expect(try fixture.vector("followers", at: .minutes(15)) == [:])
        #expect(try fixture.vector("followers", at: .minutes(4)) == [#"followers{network="x"}"#: 100])
        #expect(try fixture.vector("followers", at: .minutes(9)) == [:])
    }

    @Test("a series' own lookback (its source's) replaces the default")
    func perSeriesLookback() throws {
        var fixture = EvaluationFixture()
        try fixture.load("daily", every: .hours(24), [5], lookback: .hours(26))
        try fixture.load("hourly", every: .hours(1), [7])
        #expect(try fixture.vector("daily", at: .hours(25)) == ["daily": 5])
        #expect(try fixture.vector("hourly", at: .hours(25)) == [:])
        #expect(try fixture.vector("daily", at: .hours(26)) == [:])
    }

    @Test("a staleness marker ends the series until the next sample; range selectors skip it")
    func staleness() throws {
        var fixture = EvaluationFixture()
        try fixture.load("leads", every: .minutes(1), [1, 2, StaleMarker.value, nil, 5])
        #expect(try fixture.vector("leads", at: .minutes(2)) == [:])
        #expect(try fixture.vector("leads", at: .minutes(3)) == [:])
        #expect(try fixture.vector("leads", at: .minutes(4)) == ["leads": 5])
        #expect(try fixture.vector("count_over_time(leads[5m])", at: .minutes(4)) == ["{}": 3])
    }

    @Test("a range selector is left-open: a sample exactly at its start is outside")
    func leftOpenRange() throws {
        var fixture = EvaluationFixture()
        try fixture.load("spend", every: .minutes(5), [1, 2, 3])
        #expect(try fixture.vector("count_over_time(spend[10m])", at: .minutes(10)) == ["{}": 2])
        #expect(try fixture.vector("sum_over_time(spend[10m])", at: .minutes(10)) == ["{}": 5])
        #expect(try fixture.vector("count_over_time(spend[10m])", at: .minutes(11)) == ["{}": 2])
        #expect(try fixture.vector("count_over_time(spend[1m])", at: .minutes(11)) == [:])
    }

    @Test("offset looks back and @ pins the time; both apply to range windows too")
    func offsetAndAt() throws {
        var fixture = EvaluationFixture()
        try fixture.load("reach", every: .minutes(1), [0, 1, 2, 3, 4, 5, 6])
        #expect(try fixture.vector("reach offset 2m", at: .minutes(6)) == ["reach": 4])
        #expect(try fixture.vector("reach @ 120", at: .minutes(6)) == ["reach": 2])
        #expect(try fixture.vector("reach @ 180 offset 1m", at: .minutes(6)) == ["reach": 2])
        #expect(try fixture.vector("reach @ end()", at: .minutes(5)) == ["reach": 5])
        #expect(try fixture.vector("sum_over_time(reach[2m] offset 1m)", at: .minutes(6)) == ["{}": 9])
        #expect(try fixture.vector("last_over_time(reach[2m] @ 60)", at: .minutes(6)) == ["reach": 1])
    }

    @Test("matchers select by label, regex anchored, absent labels reading as empty")
    func matchers() throws {
        var fixture = EvaluationFixture()
        try fixture.load(#"followers{network="instagram", account="acme"}"#, every: .minutes(1), [1])
        try fixture.load(#"followers{network="insta"}"#, every: .minutes(1), [2])
        try fixture.load(#"fans{network="facebook"}"#, every: .minutes(1), [3])
        #expect(try fixture.vector(#"followers{network=~"insta"}"#, at: .zero).values.sorted() == [2])
        #expect(try fixture.vector(#"followers{account=""}"#, at: .zero).values.sorted() == [2])
        #expect(try fixture.vector(#"{network=~"insta.*|face.*"}"#, at: .zero).values.sorted() == [1, 2, 3])
        #expect(try fixture.vector(#"{__name__="fans"}"#, at: .zero).values.sorted() == [3])
        #expect(try fixture.vector(#"followers{network!~"insta.+"}"#, at: .zero).values.sorted() == [2])
    }
}

extension TimeSpan {
    static let zero = TimeSpan(milliseconds: 0)
}

@Suite("Series set: selection through the label index")
struct SeriesSetSelectionTests {
    @Test("an equality matcher narrower than the name still only selects that name")
    func narrowestListKeepsTheName() throws {
        var fixture = EvaluationFixture()
        for index in 0..<5 { try fixture.load(#"followers{network="n\#(index)"}"#, every: .minutes(1), [Double(index)]) }
        try fixture.load(#"fans{network="n1"}"#, every: .minutes(1), [100])
        #expect(try fixture.vector(#"followers{network="n1"}"#, at: .zero) == [#"followers{network="n1"}"#: 1])
        #expect(try fixture.vector(#"{network="n1"}"#, at: .zero).count == 2)
        #expect(try fixture.vector(#"followers{network="n9"}"#, at: .zero).isEmpty)
        #expect(try fixture.vector(#"nothing{network="n1"}"#, at: .zero).isEmpty)
        #expect(try fixture.vector(#"followers{network!="n1", network=~"n[0-2]"}"#, at: .zero).count == 2)
    }
}
