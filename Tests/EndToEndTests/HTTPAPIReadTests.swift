import Foundation
import Testing

/// The read-only endpoints of `goalwatch run`'s HTTP API, over a real socket with a real client.
@Suite struct HTTPAPIReadTests {
    @Test func healthReadinessAndMetricsAfterTheFirstEvaluation() async throws {
        let daemon = try await APIFixture().start()
        let health = try await daemon.poll("/healthz") { $0.status == 200 }
        #expect(try health.object["status"] as? String == "ok")
        try await daemon.waitUntilReady()
        let ready = try await daemon.request(.GET, "/readyz")
        #expect(try ready.object["status"] as? String == "ready")
        #expect(try ready.object["last_evaluation"] is String)

        let metrics = try await daemon.request(.GET, "/metrics")
        #expect(metrics.status == 200)
        #expect(metrics.header("Content-Type") == "text/plain; version=0.0.4; charset=utf-8")
        let text = metrics.body
        for family in ["goalwatch_evaluations_total", "goalwatch_outbox_depth", "goalwatch_alerts", "goalwatch_notifications_total",
                       "goalwatch_ingested_samples_total", "goalwatch_ingest_errors_total", "goalwatch_build_info",
                       "goalwatch_last_evaluation_duration_seconds", "goalwatch_history_series", "goalwatch_history_samples"] {
            #expect(text.contains("# HELP \(family) "), "no HELP for \(family)")
            #expect(text.contains("# TYPE \(family) "), "no TYPE for \(family)")
        }
        let evaluations = text.split(separator: "\n").first { $0.hasPrefix("goalwatch_evaluations_total ") }
        #expect(Int(evaluations?.split(separator: " ").last ?? "") ?? 0 >= 1)
        let heldSamples = text.split(separator: "\n").first { $0.hasPrefix("goalwatch_history_samples ") }
        #expect(Int(heldSamples?.split(separator: " ").last ?? "") ?? 0 >= 1, "the fired alert's rule reads held samples")
        #expect(text.contains("goalwatch_outbox_depth 0\n"))
        #expect(text.contains(#"goalwatch_alerts{state="firing"} 1"#) || text.contains(#"goalwatch_alerts{state="pending"}"#))
        try await PromtoolCheck.metrics(text)
        #expect(try await daemon.stop() == 0)
    }

    @Test func alertsRulesAndGoalsHaveTheirDocumentedShapes() async throws {
        let fixture = try await APIFixture()
        let daemon = try fixture.start()
        try await daemon.waitUntilReady()

        let alertsReply = try await daemon.poll("/api/v1/alerts") { $0.body.contains(#""state":"firing""#) }
        #expect(try alertsReply.object["status"] as? String == "success")
        let alerts = try #require((try alertsReply.object["data"] as? [String: Any])?["alerts"] as? [[String: Any]])
        let canary = try #require(alerts.first { ($0["labels"] as? [String: String])?["alertname"] == "CanaryAlwaysFiring" })
        #expect((canary["annotations"] as? [String: String])?["summary"] == "the canary fires")
        #expect(canary["value"] as? String == "1")
        #expect(canary["activeAt"] is String)
        #expect((canary["fingerprint"] as? String)?.count == 16)
        #expect((canary["origin"] as? [String: String]) == ["group": "canary", "rule": "CanaryAlwaysFiring"])

        let rulesReply = try await daemon.request(.GET, "/api/v1/rules")
        let groups = try #require((try rulesReply.object["data"] as? [String: Any])?["groups"] as? [[String: Any]])
        let group = try #require(groups.first)
        #expect(group["name"] as? String == "canary")
        #expect(group["interval"] as? Double == 1)
        let rules = try #require(group["rules"] as? [[String: Any]])
        #expect(rules.map { $0["type"] as? String } == ["alerting", "recording"])
        #expect(rules.allSatisfy { $0["health"] as? String == "ok" && $0["lastEvaluation"] is String })
        #expect(rules[0]["state"] as? String == "firing")
        #expect(rules[0]["query"] as? String == "vector(1) > 0")
        #expect((rules[0]["alerts"] as? [Any])?.count == 1)
        #expect(rules[1]["name"] as? String == "followers:total")

        // The same shape as `goalwatch goals --format json`.
        let goalsReply = try await daemon.request(.GET, "/api/v1/goals")
        let goals = try #require(try goalsReply.object["goals"] as? [[String: Any]])
        #expect(try goalsReply.object["at"] is String)
        #expect(Set(goals.compactMap { ($0["labels"] as? [String: String])?["network"] }) == ["instagram", APIFixture.scriptNetwork])
        let cli = try await BinaryRunner.run(["goals", "--config", daemon.config, "--format", "json"])
        let cliObject = try #require(try JSONSerialization.jsonObject(with: Data(cli.standardOutput.utf8)) as? [String: Any])
        let cliGoal = try #require((cliObject["goals"] as? [[String: Any]])?.first)
        #expect(Set(cliObject.keys) == Set(try goalsReply.object.keys))
        #expect(Set(cliGoal.keys) == Set(try #require(goals.first).keys))
        let instagram = try #require(goals.first { ($0["labels"] as? [String: String])?["network"] == "instagram" })
        #expect(instagram["goal"] as? String == "followers_growth")
        #expect(instagram["value"] as? Double == 1140)
        #expect(try await daemon.stop() == 0)
    }

    @Test func theDashboardDrawsEveryGoalAndEscapesLabels() async throws {
        let daemon = try await APIFixture().start()
        try await daemon.waitUntilReady()
        let page = try await daemon.request(.GET, "/")
        #expect(page.status == 200)
        #expect(page.header("Content-Type") == "text/html; charset=utf-8")
        #expect(page.header("Content-Security-Policy")?.contains("default-src 'none'") == true)
        let goals = try #require(try (await daemon.request(.GET, "/api/v1/goals")).object["goals"] as? [Any])
        #expect(goals.count == 2)
        #expect(page.body.components(separatedBy: "<svg").count - 1 == goals.count)
        #expect(page.body.components(separatedBy: #"<section class="card"#).count - 1 == goals.count)
        #expect(page.body.contains(#"class="history""#) && page.body.contains(#"class="pace""#) && page.body.contains(#"class="forecast""#))
        #expect(page.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!page.body.contains("<script"))
        #expect(!page.body.contains("http://") && !page.body.contains("https://"), "the page loads nothing from elsewhere")
        #expect(try await daemon.stop() == 0)
    }

    @Test func anUnknownPathIsA404InJSON() async throws {
        let daemon = try await APIFixture().start()
        let reply = try await daemon.poll("/api/v1/nothing") { $0.status == 404 }
        #expect(try reply.object["status"] as? String == "error")
        #expect((try reply.object["error"] as? String)?.contains("no such endpoint") == true)
        #expect(try await daemon.stop() == 0)
    }
}
