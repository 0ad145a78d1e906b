import Foundation
import Testing
@testable import GoalWatchCore

@Suite("Evaluator: functions")
struct EvaluatorFunctionTests {
    @Test("increase and rate extrapolate to the window's edges and correct counter resets")
    func increaseAndRate() throws {
        var fixture = EvaluationFixture()
        try fixture.load(#"clicks{path="/a"}"#, every: .minutes(5), (0...10).map { Double($0 * 10) })
        try fixture.load(#"clicks{path="/b"}"#, every: .minutes(5), (0...5).map { Double($0 * 10) } + (0...5).map { Double($0 * 10) })
        // /a: samples 10…100 at 5m…50m in (0, 50m]; 90 over 45m, extrapolated by 5m to the start.
        let a = 90.0 * 3000 / 2700
        // /b: 10…50 then a reset to 0…40: 30 + 50 = 80, also extrapolated by 5m.
        let b = 80.0 * 3000 / 2700
        let increase = try fixture.vector("increase(clicks[50m])", at: .minutes(50))
        #expect(isClose(increase[#"{path="/a"}"#], a))
        #expect(isClose(increase[#"{path="/b"}"#], b))
        let rate = try fixture.vector("rate(clicks[50m])", at: .minutes(50))
        #expect(isClose(rate[#"{path="/a"}"#], a / 3000))
    }

    @Test("a counter is not extrapolated below zero, and a gap before the first sample extrapolates half a step")
    func extrapolationLimits() throws {
        var fixture = EvaluationFixture()
        // 2, 4, 6 at 40m, 45m, 50m; window (0, 50m]: 40m to the start is far more than 1.1 × 5m,
        // so only 2.5m is added there; the zero point (5m before 40m) is further than that.
        try fixture.load("leads", every: .minutes(5), [nil, nil, nil, nil, nil, nil, nil, nil, 2, 4, 6])
        #expect(isClose(try fixture.vector("increase(leads[50m])", at: .minutes(50))["{}"], 4.0 * (600 + 150) / 600))
        // 1, 11 at 45m, 50m: the zero point is 30s before 45m, nearer than half a step.
        var near = EvaluationFixture()
        try near.load("signups", every: .minutes(5), [nil, nil, nil, nil, nil, nil, nil, nil, nil, 1, 11])
        #expect(isClose(try near.vector("increase(signups[50m])", at: .minutes(50))["{}"], 10.0 * (300 + 30) / 300))
        // delta is not a counter function: no reset correction, no zero clamp.
        var gauge = EvaluationFixture()
        try gauge.load("queue", every: .minutes(5), [nil, 10, 4, 8])
        #expect(isClose(try gauge.vector("delta(queue[15m])", at: .minutes(15))["{}"], -2.0 * 900 / 600))
        #expect(try gauge.vector("increase(queue[3m])", at: .minutes(15)).isEmpty)
    }

    @Test("irate and idelta use the last two samples")
    func instantRates() throws {
        var fixture = EvaluationFixture()
        try fixture.load("sent", every: .minutes(1), [10, 20, 50, 5])
        #expect(try fixture.vector("irate(sent[5m])", at: .minutes(2)) == ["{}": 0.5])
        #expect(try fixture.vector("irate(sent[5m])", at: .minutes(3)) == ["{}": 5.0 / 60])
        #expect(try fixture.vector("idelta(sent[5m])", at: .minutes(3)) == ["{}": -45])
        #expect(try fixture.vector("idelta(sent[1m])", at: .minutes(3)).isEmpty)
    }

    @Test("deriv and predict_linear are least squares; a constant series has slope 0")
    func regression() throws {
        var fixture = EvaluationFixture()
        try fixture.load("followers", every: .minutes(1), [100, 103, 106, 109, 112])
        try fixture.load("flat", every: .minutes(1), [7, 7, 7])
        try fixture.load("noisy", every: .minutes(1), [1, 3, 2])
        #expect(isClose(try fixture.vector("deriv(followers[10m])", at: .minutes(4))["{}"], 0.05))
        #expect(isClose(try fixture.vector("predict_linear(followers[10m], 600)", at: .minutes(4))["{}"], 112 + 30))
        #expect(try fixture.vector("deriv(flat[10m])", at: .minutes(2)) == ["{}": 0])
        #expect(try fixture.vector("predict_linear(flat[10m], 3600)", at: .minutes(2)) == ["{}": 7])
        // x = 0, 60, 120 s; y = 1, 3, 2: slope = Σ(x−x̄)(y−ȳ) / Σ(x−x̄)² = 60 / 7200.
        #expect(isClose(try fixture.vector("deriv(noisy[10m])", at: .minutes(2))["{}"], 60.0 / 7200))
        #expect(try fixture.vector("deriv(followers[1m])", at: .minutes(4)).isEmpty)
    }

    @Test("the *_over_time family, changes and resets")
    func overTime() throws {
        var fixture = EvaluationFixture()
        try fixture.load(#"reach{network="x"}"#, every: .minutes(1), [4, 8, 8, 2, 5])
        let at = TimeSpan.minutes(4)
        let labels = #"{network="x"}"#
        #expect(try fixture.vector("avg_over_time(reach[10m])", at: at) == [labels: 5.4])
        #expect(try fixture.vector("sum_over_time(reach[10m])", at: at) == [labels: 27])
        #expect(try fixture.vector("min_over_time(reach[10m])", at: at) == [labels: 2])
        #expect(try fixture.vector("max_over_time(reach[10m])", at: at) == [labels: 8])
        #expect(try fixture.vector("count_over_time(reach[10m])", at: at) == [labels: 5])
        #expect(try fixture.vector("last_over_time(reach[10m])", at: at) == [#"reach{network="x"}"#: 5])
        #expect(try fixture.vector("present_over_time(reach[10m])", at: at) == [labels: 1])
        #expect(try fixture.vector("changes(reach[10m])", at: at) == [labels: 3])
        #expect(try fixture.vector("resets(reach[10m])", at: at) == [labels: 1])
        #expect(try fixture.vector("quantile_over_time(0.5, reach[10m])", at: at) == [labels: 5])
        let mean = 5.4
        let variance = [4.0, 8, 8, 2, 5].map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 5
        #expect(isClose(try fixture.vector("stdvar_over_time(reach[10m])", at: at)[labels], variance))
        #expect(isClose(try fixture.vector("stddev_over_time(reach[10m])", at: at)[labels], variance.squareRoot()))
    }

    @Test("absent and absent_over_time take their labels from the selector's = matchers")
    func absent() throws {
        var fixture = EvaluationFixture()
        try fixture.load(#"fans{network="facebook"}"#, every: .minutes(1), [1])
        #expect(try fixture.vector(#"absent(fans{network="facebook"})"#, at: .zero).isEmpty)
        #expect(try fixture.vector(#"absent(fans{network="x", account=~"a.*"})"#, at: .zero) == [#"{network="x"}"#: 1])
        #expect(try fixture.vector(#"absent(fans{network="x", network="y"})"#, at: .zero) == ["{}": 1])
        #expect(try fixture.vector(#"absent(sum(nothing{a="b"}))"#, at: .zero) == ["{}": 1])
        #expect(try fixture.vector(#"absent_over_time(fans{network="tiktok"}[5m])"#, at: .zero) == [#"{network="tiktok"}"#: 1])
        #expect(try fixture.vector(#"absent_over_time(fans[5m])"#, at: .zero).isEmpty)
    }

    @Test("label_replace and label_join rewrite labels; invalid names are refused")
    func labels() throws {
        var fixture = EvaluationFixture()
        try fixture.load(#"followers{network="instagram", account="acme-shop"}"#, every: .minutes(1), [1])
        #expect(try fixture.vector(#"label_replace(followers, "brand", "$1", "account", "(.*)-shop")"#, at: .zero)
            == [#"followers{account="acme-shop", brand="acme", network="instagram"}"#: 1])
        #expect(try fixture.vector(#"label_replace(followers, "brand", "$1", "account", "shop")"#, at: .zero)
            == [#"followers{account="acme-shop", network="instagram"}"#: 1])
        #expect(try fixture.vector(#"label_replace(followers, "account", "", "account", ".*")"#, at: .zero)
            == [#"followers{network="instagram"}"#: 1])
        #expect(try fixture.vector(#"label_join(followers, "key", "/", "network", "account")"#, at: .zero)
            == [#"followers{account="acme-shop", key="instagram/acme-shop", network="instagram"}"#: 1])
        #expect(throws: EvaluationError.self) { try fixture.vector(#"label_replace(followers, "1x", "", "a", "")"#, at: .zero) }
        #expect(throws: EvaluationError.self) { try fixture.vector(#"label_replace(followers, "x", "", "a", "(")"#, at: .zero) }
    }

    @Test("math functions drop the name; clamp, round and sgn follow Prometheus")
    func math() throws {
        var fixture = EvaluationFixture()
        try fixture.load(#"v{k="neg"}"#, every: .minutes(1), [-2.5])
        try fixture.load(#"v{k="pos"}"#, every: .minutes(1), [16])
        try fixture.load(#"v{k="nan"}"#, every: .minutes(1), [.nan])
        func values(_ text: String) throws -> [String: Double] {
            try fixture.vector(text, at: .zero).filter { !$0.value.isNaN }
        }
        #expect(try values("abs(v)") == [#"{k="neg"}"#: 2.5, #"{k="pos"}"#: 16])
        #expect(try values("sqrt(v)") == [#"{k="pos"}"#: 4])
        #expect(try values("ceil(v)") == [#"{k="neg"}"#: -2, #"{k="pos"}"#: 16])
        #expect(try values("floor(v)") == [#"{k="neg"}"#: -3, #"{k="pos"}"#: 16])
        #expect(try values("round(v)") == [#"{k="neg"}"#: -2, #"{k="pos"}"#: 16])
        #expect(try values("round(v, 5)") == [#"{k="neg"}"#: 0, #"{k="pos"}"#: 15])
        #expect(try values("sgn(v)") == [#"{k="neg"}"#: -1, #"{k="pos"}"#: 1])
        #expect(try values("log2(v)") == [#"{k="pos"}"#: 4])
        #expect(try values("clamp(v, 0, 10)") == [#"{k="neg"}"#: 0, #"{k="pos"}"#: 10])
        #expect(try fixture.vector("clamp(v, 10, 0)", at: .zero).isEmpty)
        #expect(try values("clamp_min(v, 0)") == [#"{k="neg"}"#: 0, #"{k="pos"}"#: 16])
        #expect(try values("clamp_max(v, 0)") == [#"{k="neg"}"#: -2.5, #"{k="pos"}"#: 0])
        #expect(try fixture.vector(#"clamp_max(v{k="nan"}, 0)"#, at: .zero)[#"{k="nan"}"#]?.isNaN == true)
        #expect(isClose(try values("exp(v)")[#"{k="neg"}"#], exp(-2.5)))
        #expect(isClose(try values("ln(v)")[#"{k="pos"}"#], log(16)))
        #expect(isClose(try values("log10(v)")[#"{k="pos"}"#], log10(16)))
    }

    @Test("sort and sort_desc order by value with NaN last; timestamp, vector and scalar")
    func orderingAndConversions() throws {
        var fixture = EvaluationFixture()
        try fixture.load(#"v{k="a"}"#, every: .minutes(1), [3])
        try fixture.load(#"v{k="b"}"#, every: .minutes(1), [.nan])
        try fixture.load(#"v{k="c"}"#, every: .minutes(1), [1, nil])
        #expect(try fixture.order("sort(v)", at: .zero) == [#"v{k="c"}"#, #"v{k="a"}"#, #"v{k="b"}"#])
        #expect(try fixture.order("sort_desc(v)", at: .zero) == [#"v{k="a"}"#, #"v{k="c"}"#, #"v{k="b"}"#])
        #expect(try fixture.vector(#"timestamp(v{k="c"})"#, at: .minutes(2)) == [#"{k="c"}"#: 0])
        #expect(try fixture.vector(#"timestamp(v{k="c"} * 1)"#, at: .minutes(2)) == [#"{k="c"}"#: 120])
        #expect(try fixture.vector("vector(time())", at: .minutes(1)) == ["{}": 60])
        #expect(try fixture.scalar(#"scalar(v{k="a"})"#, at: .zero) == 3)
        #expect(try fixture.scalar("scalar(v)", at: .zero).isNaN)
    }

    @Test("pct_change, growth_rate and holt_forecast, the domain functions")
    func domain() throws {
        var fixture = EvaluationFixture()
        try fixture.load("followers", every: .hours(24), [1000, 1100, 1210])
        try fixture.load("steady", every: .hours(24), [50, 50, 50])
        try fixture.load("single", every: .hours(24), [9])
        try fixture.load("zero", every: .hours(24), [0, 5])
        #expect(isClose(try fixture.vector("pct_change(followers[3d])", at: .hours(48))["{}"], 21))
        #expect(isClose(try fixture.vector("growth_rate(followers[3d])", at: .hours(48))["{}"], 0.1))
        #expect(try fixture.vector("pct_change(single[3d])", at: .hours(48)).isEmpty)
        #expect(try fixture.vector("pct_change(zero[3d])", at: .hours(48)) == ["{}": .infinity])
        #expect(try fixture.vector("holt_forecast(steady[3d], 86400 * 30)", at: .hours(48)) == ["{}": 50])
        let forecast = try #require(try fixture.vector("holt_forecast(followers[3d], 86400 * 30)", at: .hours(48))["{}"])
        // Rising about 100 a day: the damped forecast lies above today's value and below a straight line.
        #expect(forecast > 1210 && forecast < 1210 + 30 * 110)
    }

    @Test("dropping the name may not leave two series with the same labels")
    func duplicateLabelsets() throws {
        var fixture = EvaluationFixture()
        try fixture.load(#"spend{network="x"}"#, every: .minutes(1), [1, 2])
        try fixture.load(#"revenue{network="x"}"#, every: .minutes(1), [3, 4])
        #expect(throws: EvaluationError.self) { try fixture.vector(#"rate({network="x"}[5m])"#, at: .minutes(1)) }
        #expect(try fixture.vector(#"last_over_time({network="x"}[5m])"#, at: .minutes(1)).count == 2)
    }
}
