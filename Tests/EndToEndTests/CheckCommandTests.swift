import Foundation
import Testing

@Suite("goalwatch check")
struct CheckCommandTests {
    /// A configuration in `folder` whose rule files are `rules/*.yml`.
    func configuration(in folder: TemporaryFolder) throws -> String {
        try folder.write("goalwatch.yml", """
        evaluation:
          timezone: Europe/Istanbul
        rule_files: [rules/*.yml, missing/*.yml]
        sources:
          - {name: export, kind: file, path: inbox/*.json}
        """)
    }

    @Test("valid rule files: exit 0 and a summary with every count")
    func validRules() async throws {
        let folder = try TemporaryFolder()
        let config = try configuration(in: folder)
        try folder.write("rules/kpis.yml", """
        groups:
          - name: kpis
            rules:
              - record: engagement_rate
                expr: engagements / impressions
              - alert: SlowFirstResponse
                expr: first_response_minutes > 60
                for: 30m
        goals:
          - name: instagram_followers_q1
            metric: followers{network="instagram"}
            target: +20%
            period: {quarter: 2026Q1}
        """)
        try folder.write("rules/empty.yml", "# rules to come\n")
        let result = try await BinaryRunner.run(["check", "--config", config])
        #expect(result.status == 0, "stderr: \(result.standardError)")
        #expect(result.standardOutput == "\(config): OK (1 source, 2 rule files: 1 group, 1 recording rule, 1 alerting rule, 1 goal; 0 receivers, 0 routes)\n")
        #expect(result.standardError.isEmpty)
    }

    @Test("a configuration without rule files still checks, with zero counts")
    func noRuleFiles() async throws {
        let folder = try TemporaryFolder()
        let config = try folder.write("goalwatch.yml", "sources: []\n")
        let result = try await BinaryRunner.run(["check", "--config", config])
        #expect(result.status == 0, "stderr: \(result.standardError)")
        #expect(result.standardOutput == "\(config): OK (0 sources, 0 rule files: 0 groups, 0 recording rules, 0 alerting rules, 0 goals; 0 receivers, 0 routes)\n")
    }

    @Test("a broken expression and an unknown key: exit 1, both at file:line:column")
    func brokenRules() async throws {
        let folder = try TemporaryFolder()
        let config = try configuration(in: folder)
        let rules = try folder.write("rules/care.yml", """
        groups:
          - name: care
            rules:
              - alert: SlowFirstResponse
                expr: sum(rate(first_response_minutes[5m]) > 60
                fore: 30m
        """)
        let result = try await BinaryRunner.run(["check", "--config", config])
        #expect(result.status == 1)
        #expect(result.standardOutput.isEmpty)
        #expect(result.standardError == """
            \(rules):5:56: expected ')' to close '(' opened at 5:18, found end of expression
            \(rules):6:9: unknown key 'fore' (did you mean 'for'?); allowed keys here: alert, expr, for, keep_firing_for, labels, annotations, no_data, recover_when

            """)
    }

    @Test("--format json gives the counts of a valid configuration, and each error's file, line, column and message")
    func jsonForScripts() async throws {
        let folder = try TemporaryFolder()
        let config = try configuration(in: folder)
        try folder.write("rules/kpis.yml", "groups:\n  - name: kpis\n    rules:\n      - record: reach\n        expr: sum(impressions)\n")
        let valid = try await BinaryRunner.run(["check", "--config", config, "--format", "json"])
        #expect(valid.status == 0, "stderr: \(valid.standardError)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(valid.standardOutput.utf8)) as? [String: Any])
        #expect(document["config"] as? String == config && document["valid"] as? Bool == true)
        #expect((document["counts"] as? [String: Int])?["recording_rules"] == 1 && (document["counts"] as? [String: Int])?["sources"] == 1)
        #expect(document["http"] is NSNull)

        let rules = try folder.write("rules/kpis.yml", "groups:\n  - name: kpis\n    rules:\n      - record: reach\n        expr: sum(impressions\n")
        let broken = try await BinaryRunner.run(["check", "--config", config, "--format", "json"])
        #expect(broken.status == 1)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(broken.standardOutput.utf8)) as? [String: Any])
        #expect(report["valid"] as? Bool == false)
        let error = try #require((report["errors"] as? [[String: Any]])?.first)
        #expect(error["file"] as? String == rules && error["line"] as? Int == 5 && (error["column"] as? Int ?? 0) > 0)
        #expect((error["message"] as? String)?.hasPrefix("expected ')'") == true)
    }

    @Test("errors in several files are all reported, and a goal name may not repeat across files")
    func errorsAcrossFiles() async throws {
        let folder = try TemporaryFolder()
        let config = try configuration(in: folder)
        let goal = "goals:\n  - name: followers_q1\n    metric: followers\n    target: +20%\n    period: {quarter: 2026Q1}\n"
        let first = try folder.write("rules/a.yml", goal)
        let second = try folder.write("rules/b.yml", goal)
        let third = try folder.write("rules/c.yml", "groups:\n  - name: g\n    interval: soon\n")
        let result = try await BinaryRunner.run(["check", "--config", config])
        #expect(result.status == 1)
        #expect(result.standardError == """
            \(second):2:5: duplicate goal name: "followers_q1" is already the name of the goal at \(first):2:5; goal names must be unique across rule files
            \(third):3:15: expected a duration longer than zero such as 30s, 5m or 1h30m, found "soon"

            """)
    }

    @Test("a rule file that matches but cannot be read is an error")
    func unreadableRuleFile() async throws {
        let folder = try TemporaryFolder()
        let config = try configuration(in: folder)
        try FileManager.default.createDirectory(atPath: folder.path + "/rules/old.yml", withIntermediateDirectories: true)
        let result = try await BinaryRunner.run(["check", "--config", config])
        #expect(result.status == 1)
        #expect(result.standardError == "\(folder.path)/rules/old.yml: cannot read the rule file: it is a folder (a rule_files pattern matched it)\n")
    }

    @Test("configuration errors come first; rule files wait for a valid configuration")
    func configurationErrors() async throws {
        let folder = try TemporaryFolder()
        let config = try folder.write("goalwatch.yml", "rule_files: [rules/*.yml]\nevaluation: {timezone: Mars/Olympus}\n")
        try folder.write("rules/a.yml", "groups: 3\n")
        let result = try await BinaryRunner.run(["check", "--config", config])
        #expect(result.status == 1)
        #expect(result.standardError == "\(config):2:24: expected an IANA time zone name such as Europe/Istanbul or UTC, found \"Mars/Olympus\"\n")
    }
}
