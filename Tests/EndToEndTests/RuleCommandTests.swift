import Foundation
import Testing

/// Where Prometheus' promtool is installed, if it is.
private let promtool: String? = ["/usr/bin/promtool", "/usr/local/bin/promtool"].first { FileManager.default.isExecutableFile(atPath: $0) }

@Suite("goalwatch test, goals and replay")
struct RuleCommandTests {
    @Test("the shipped rule tests pass")
    func shippedRuleTests() async throws {
        let tests = try FileManager.default.contentsOfDirectory(atPath: repositoryRoot.path + "/rules/tests")
            .filter { $0.hasSuffix(".yml") }.sorted().map { repositoryRoot.path + "/rules/tests/" + $0 }
        #expect(tests.count >= 3)
        let result = try await BinaryRunner.run(["test"] + tests)
        #expect(result.status == 0, "\(result.standardOutput)\(result.standardError)")
        #expect(result.standardOutput.components(separatedBy: "  SUCCESS").count == tests.count + 1)
    }

    @Test("promtool passes the shipped KPI rules and their tests too", .enabled(if: promtool != nil, "promtool is not installed (Debian package prometheus)"))
    func promtoolAgrees() throws {
        let rules = repositoryRoot.path + "/rules"
        for arguments in [["check", "rules", rules + "/kpis.yml"], ["test", "rules", rules + "/tests/kpis_test.yml"]] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: promtool!)
            process.arguments = arguments
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = pipe
            try process.run()
            let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "promtool \(arguments.joined(separator: " ")):\n\(output)")
        }
    }

    @Test("a wrong expectation fails with promtool's report and exit 1")
    func wrongExpectation() async throws {
        let folder = try TemporaryFolder()
        try folder.write("rules.yml", """
        groups:
          - name: care
            rules:
              - alert: SlowReplies
                expr: first_response_minutes > 60
                for: 2m
                labels: {severity: critical}
                annotations: {summary: "{{ $labels.network }} answers in {{ $value }} min"}
        """)
        let test = try folder.write("rules_test.yml", """
        rule_files: [rules.yml]
        evaluation_interval: 1m
        tests:
          - interval: 1m
            input_series:
              - series: 'first_response_minutes{network="x"}'
                values: '70x10'
            alert_rule_test:
              - eval_time: 5m
                alertname: SlowReplies
                exp_alerts:
                  - exp_labels: {severity: critical, network: x}
                    exp_annotations: {summary: "x answers in 80 min"}
            promql_expr_test:
              - expr: first_response_minutes
                eval_time: 1m
                exp_samples:
                  - labels: 'first_response_minutes{network="x"}'
                    value: 70
        """)
        let result = try await BinaryRunner.run(["test", test])
        #expect(result.status == 1)
        #expect(result.standardOutput.contains("  FAILED:"))
        #expect(result.standardOutput.contains("alertname: SlowReplies, time: 5m"))
        #expect(result.standardOutput.contains(#"summary="x answers in 70 min""#), "\(result.standardOutput)")
        // The expression test was right: it is not reported.
        #expect(!result.standardOutput.contains("expr:"))
    }

    @Test("a broken test file is reported at its line and column")
    func brokenTestFile() async throws {
        let folder = try TemporaryFolder()
        let test = try folder.write("bad_test.yml", """
        tests:
          - interval: 1m
            input_series:
              - series: 'x'
                values: '1 2 abc'
        """)
        let result = try await BinaryRunner.run(["test", test])
        #expect(result.status == 1)
        #expect(result.standardOutput.contains("bad_test.yml:5:"), "\(result.standardOutput)")
    }

    /// Twenty days of daily follower counts (990 on the 12th), a goal over them and an alerting rule.
    func goalStore() async throws -> FollowersStore {
        let store = try await FollowersStore(
            csv: (1...20).map { "2026-01-\($0 < 10 ? "0" : "")\($0),instagram,\($0 == 12 ? 990 : 1000 + $0)\n" }.joined(),
            extra: "evaluation: {timezone: UTC}\nrule_files: [rules/*.yml]")
        try store.folder.write("rules/goals.yml", """
        goals:
          - name: followers_q1
            metric: followers
            target: +10%
            period: {quarter: 2026Q1}
            alerts:
              behind_pace: {}
        groups:
          - name: drops
            rules:
              - alert: FollowersDropped
                expr: followers < 1000
        """)
        return store
    }

    @Test("goals --format json has the documented shape and figures")
    func goalsJSON() async throws {
        let store = try await goalStore()
        let result = try await BinaryRunner.run(["goals", "--config", store.config, "--at", "2026-01-20T12:00:00Z", "--format", "json"])
        #expect(result.status == 0, "\(result.standardError)")
        let root = try #require(JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        #expect(root["at"] as? String == "2026-01-20T12:00:00Z")
        let goal = try #require((root["goals"] as? [[String: Any]])?.first)
        #expect(goal["goal"] as? String == "followers_q1")
        #expect(goal["labels"] as? [String: String] == ["network": "instagram"])
        #expect(goal["baseline"] as? Double == 1001)
        #expect(goal["value"] as? Double == 1020)
        #expect(abs((goal["target"] as? Double ?? 0) - 1101.1) < 1e-9)
        #expect(goal["state"] as? String == "behind_pace")
        #expect(goal["period_start"] as? String == "2026-01-01T00:00:00Z")
        #expect(goal["period_end"] as? String == "2026-04-01T00:00:00Z")
        #expect(goal["compliance_ratio"] is NSNull)
        for key in ["progress_ratio", "expected_ratio", "forecast_value", "required_rate", "remaining_days"] {
            #expect(goal[key] is Double, "\(key)")
        }
        let table = try await BinaryRunner.run(["goals", "--config", store.config, "--at", "2026-01-20T12:00:00Z"])
        #expect(table.standardOutput.contains("followers_q1"))
        #expect(table.standardOutput.contains("behind_pace"))
    }

    @Test("replay lists when an alert fired and resolved over stored history")
    func replay() async throws {
        let store = try await goalStore()
        let result = try await BinaryRunner.run([
            "replay", "--config", store.config, "--from", "2026-01-10T00:00:00Z", "--to", "2026-01-14T00:00:00Z", "--step", "1h", "--format", "json",
        ])
        #expect(result.status == 0, "\(result.standardError)")
        let root = try #require(JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        let transitions = try #require(root["transitions"] as? [[String: Any]])
        let drops = transitions.filter { ($0["labels"] as? [String: String])?["alertname"] == "FollowersDropped" }
        #expect(drops.map { $0["event"] as? String } == ["firing", "resolved"])
        #expect(drops.map { $0["at"] as? String } == ["2026-01-12T00:00:00Z", "2026-01-13T00:00:00Z"])
        let alerts = try #require(root["alerts"] as? [[String: Any]])
        let dropped = try #require(alerts.first { $0["alertname"] as? String == "FollowersDropped" })
        #expect(dropped["firings"] as? Int == 1)
        #expect(dropped["firing_seconds"] as? Double == 86_400)
        #expect((root["timing"] as? [String: Any])?["evaluations"] as? Int == 97)
        let badStep = try await BinaryRunner.run(["replay", "--config", store.config, "--from", "2026-01-10T00:00:00Z", "--step", "soon"])
        #expect(badStep.status == 1)
    }
}
