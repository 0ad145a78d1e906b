import Foundation
import Testing
@testable import GoalWatchCore

/// Where Prometheus' promtool is installed, if it is.
private let promtoolPath: String? = ["/usr/bin/promtool", "/usr/local/bin/promtool"].first { FileManager.default.isExecutableFile(atPath: $0) }

/// Differential test against Prometheus itself: GoalWatch evaluates each expression, writes its
/// results as the expectations of a promtool unit test, and `promtool test rules` must accept them.
/// Evaluation times fall between samples (…m30s), so Prometheus 2's closed windows and Prometheus 3's
/// left-open ones select the same samples.
@Suite("Evaluator agrees with promtool", .enabled(if: promtoolPath != nil, "promtool is not installed (Debian package prometheus)"))
struct PromtoolAgreementTests {

    static let inputSeries: [(String, String)] = [
        (#"http_requests{job="api", instance="a"}"#, "100+10x30"),
        (#"http_requests{job="api", instance="b"}"#, "200+20x10 5+20x19"),
        (#"http_requests{job="web", instance="a"}"#, "50+5x30"),
        (#"followers{network="instagram", account="x"}"#, "1000+3x30"),
        (#"followers{network="facebook", account="x"}"#, "800-2x30"),
        (#"followers{network="instagram", account="y"}"#, "500 _ 510 _ 520x26"),
        (#"gauge{kind="wave"}"#, "1 3 2 5 4 6 3 7 2 8 1 9 0 10 5 5 5 5 1 1 1 1 2 3 4 5 6 7 8 9 10"),
        (#"ratio{k="a"}"#, "0.5x30"),
        (#"ratio{k="b"}"#, "0.25x30"),
        (#"owner{account="x", owner="mia"}"#, "1x30"),
        (#"owner{account="y", owner="ben"}"#, "1x30"),
        (#"neg{k="a"}"#, "-2.5x30"),
    ]

    static let expressions = [
        "followers", #"followers{network="instagram"}"#, #"followers{account=~"x|z"}"#, #"{__name__=~"fol.*", network!="facebook"}"#,
        "followers offset 5m", "followers @ 300", "gauge offset 2m",
        "rate(http_requests[5m])", "increase(http_requests[10m])", "irate(http_requests[5m])", "resets(http_requests[20m])",
        "delta(gauge[10m])", "idelta(gauge[5m])", "deriv(followers[10m])", "predict_linear(followers[10m], 600)",
        "changes(gauge[10m])", "avg_over_time(gauge[10m])", "min_over_time(gauge[10m])", "max_over_time(gauge[10m])",
        "sum_over_time(gauge[10m])", "count_over_time(followers[10m])", "last_over_time(followers[10m])",
        "stddev_over_time(gauge[10m])", "stdvar_over_time(gauge[10m])", "quantile_over_time(0.3, gauge[10m])",
        #"absent(nothing{a="b", c=~"d"})"#, "absent(followers)", #"absent_over_time(nothing{a="b"}[5m])"#, "present_over_time(followers[5m])",
        "sum(followers)", "sum by (network) (followers)", "avg without (account) (followers)", "count(followers)",
        "min(followers)", "max by (account) (followers)", "stddev(gauge)", "stdvar(followers)", "topk(2, followers)",
        "bottomk(1, followers)", "topk by (network) (1, followers)", "quantile(0.5, followers)", "quantile(0.9, http_requests)",
        #"count_values("v", ratio)"#, "group by (network) (followers)", "sum(rate(http_requests[5m])) by (job)",
        "followers * on (account) group_left (owner) owner", "owner * on (account) group_right (owner) followers",
        "http_requests / ignoring (instance) group_left sum by (job) (http_requests)",
        "followers > 900", "followers > bool 900", "900 < followers", "followers == bool followers",
        #"followers and followers{network="instagram"}"#, "followers or gauge", #"followers unless followers{account="y"}"#,
        #"followers and on (account) owner{owner="mia"}"#, "-followers", "followers % 7", "followers ^ 0.5", "2 ^ 3 ^ 2",
        "1 / 0", "0 / 0 > bool 1", "gauge - gauge offset 1m", "abs(neg)", "ceil(ratio * 3)", "floor(ratio * 3)",
        "round(gauge / 3)", "round(gauge, 2)", "clamp(gauge, 2, 6)", "clamp_min(gauge, 4)", "clamp_max(gauge, 4)",
        "exp(ratio)", "ln(followers)", "log2(followers)", "log10(followers)", "sqrt(followers)", "sgn(neg)", "time()",
        "timestamp(followers)", "vector(1)", #"scalar(ratio{k="a"})"#, "scalar(ratio)", "sort(gauge)",
        #"label_replace(followers, "acct", "acct-$1", "account", "(.*)")"#, #"label_join(followers, "key", "-", "network", "account")"#,
        "followers / on () group_left sum(followers)", "avg(ratio) + on () group_left count(followers)",
    ]

    static let evaluationTimes: [TimeSpan] = [.seconds(630), .seconds(1770)]

    @Test("every expression gives what Prometheus gives")
    func agreement() throws {
        var series = SeriesSet()
        for (selector, values) in Self.inputSeries {
            let index = series.index(of: try SeriesNotation.labels(selector))
            for (step, value) in try SeriesNotation.values(values).enumerated() {
                let time = Timestamp(milliseconds: Int64(step) * 60_000)
                switch value {
                case .value(let number): series.append(toSeriesAt: index, at: time, value: number)
                case .stale: series.append(toSeriesAt: index, at: time, value: StaleMarker.value)
                case .missing: break
                }
            }
        }
        let evaluator = Evaluator(series: series)
        var tests = ""
        for expression in Self.expressions {
            let parsed = try PromQL.parse(expression)
            for time in Self.evaluationTimes {
                let samples: [(Labels, Double)]
                switch try evaluator.evaluate(parsed, at: Timestamp(milliseconds: time.milliseconds)) {
                case .vector(let elements): samples = elements.map { ($0.labels, $0.value) }
                case .scalar(let value): samples = [(.empty, value)]
                case .string, .matrix: samples = []
                }
                tests += "      - expr: \(Self.quoted(expression))\n        eval_time: \(time)\n        exp_samples:"
                tests += samples.isEmpty ? " []\n" : "\n" + samples.map {
                    "          - labels: \(Self.quoted($0.0.description))\n            value: \(Self.yamlNumber($0.1))\n"
                }.joined()
            }
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("goalwatch-promtool-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = Self.inputSeries.map { "      - series: \(Self.quoted($0.0))\n        values: \(Self.quoted($0.1))\n" }.joined()
        let file = folder.appendingPathComponent("agreement_test.yml")
        try Data("""
        tests:
          - interval: 1m
            input_series:
        \(input)    promql_expr_test:
        \(tests)
        """.utf8).write(to: file)
        let (status, output) = try Self.run([promtoolPath!, "test", "rules", file.path])
        guard status != 0 else { return }
        // promtool compares floats exactly, and its NaN is not equal to NaN; accept differences in the
        // last bits (Go's and C's log10, Prometheus 2's and 3's variance summation) and NaN for NaN.
        let disagreements = Self.failures(in: output).filter { !Self.agree($0.expected, $0.got) }.map(\.report)
        #expect(!output.contains("err:"), "promtool could not run a test:\n\(output)")
        #expect(disagreements.count == 0, "promtool disagrees:\n\(disagreements.joined(separator: "\n"))")
    }

    /// The `expr` failures of a promtool report: each with its expected and actual samples.
    static func failures(in output: String) -> [(report: String, expected: [(String, Double)], got: [(String, Double)])] {
        let blocks = output.components(separatedBy: "    expr: ").dropFirst()
        return blocks.map { block in
            let lines = block.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            let expected = lines.first { $0.hasPrefix("exp: ") }.map { samples(String($0.dropFirst(5))) } ?? []
            let got = lines.first { $0.hasPrefix("got: ") }.map { samples(String($0.dropFirst(5))) } ?? []
            return (String(block.prefix(400)), expected, got)
        }
    }

    /// `{a="b"} 1.5E+00, name{c="d"} NaN` as pairs of labels and values.
    static func samples(_ text: String) -> [(String, Double)] {
        text.matches(of: /([A-Za-z_:]*\{[^}]*\}) (\S+?)(,|$)/).map { match in
            (String(match.output.1), Double(match.output.2) ?? .nan)
        }
    }

    static func agree(_ expected: [(String, Double)], _ got: [(String, Double)]) -> Bool {
        guard !expected.isEmpty, expected.count == got.count else { return false }
        return zip(expected, got).allSatisfy { want, have in
            guard want.0 == have.0 else { return false }
            if want.1.isNaN || have.1.isNaN { return want.1.isNaN && have.1.isNaN }
            return want.1 == have.1 || abs(want.1 - have.1) <= 1e-12 * max(abs(want.1), abs(have.1))
        }
    }

    static func quoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }

    static func yamlNumber(_ value: Double) -> String {
        if value.isNaN { return ".nan" }
        if value.isInfinite { return value < 0 ? "-.inf" : ".inf" }
        return "\(value)"
    }

    static func run(_ arguments: [String]) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: arguments[0])
        process.arguments = Array(arguments.dropFirst())
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
