import Foundation
import Testing

/// The calls of the HTTP API that change something: the token that guards them, silences, push
/// ingest, reload and the body limit; and the token showing nowhere.
@Suite struct HTTPAPIChangeTests {
    private static let token = APIFixture.token

    /// No reply and nothing on stderr contains the token.
    private func expectTokenHidden(_ daemon: APIDaemon, sourceLocation: SourceLocation = #_sourceLocation) {
        for reply in daemon.allReplies {
            #expect(!reply.body.contains(Self.token), "token in a reply: \(reply.body.prefix(300))", sourceLocation: sourceLocation)
            #expect(!reply.headers.contains { $0.1.contains(Self.token) }, "token in a reply header", sourceLocation: sourceLocation)
        }
        #expect(!daemon.standardError.contains(Self.token), "token on stderr", sourceLocation: sourceLocation)
    }

    @Test func silencesGoRoundTripWithTheToken() async throws {
        let daemon = try await APIFixture().start()
        try await daemon.waitUntilReady()
        let body = #"{"matchers": ["alertname=\"CanaryAlwaysFiring\""], "comment": "maintenance", "created_by": "ana", "duration": "2h"}"#
        let created = try await daemon.request(.POST, "/api/v1/silences", token: Self.token, contentType: "application/json", body: body)
        #expect(created.status == 200, "\(created.body)")
        let id = try #require(try created.object["id"] as? String)
        #expect(try created.object["state"] as? String == "active")
        #expect(try created.object["matchers"] as? [String] == [#"alertname="CanaryAlwaysFiring""#])

        let listed = try await daemon.request(.GET, "/api/v1/silences").array.compactMap { $0 as? [String: Any] }
        #expect(listed.map { $0["id"] as? String } == [id])
        #expect(listed.first?["comment"] as? String == "maintenance")
        // The CLI sees the same silence in the same store.
        let cli = try await BinaryRunner.run(["silence", "list", "--config", daemon.config, "--format", "json"])
        #expect(cli.standardOutput.contains(id))

        let expired = try await daemon.request(.DELETE, "/api/v1/silences/\(id)", token: Self.token)
        #expect(expired.status == 200)
        #expect(try expired.object["state"] as? String == "expired")
        #expect(try await daemon.request(.GET, "/api/v1/silences").array.isEmpty)
        #expect(try await daemon.request(.GET, "/api/v1/silences?expired=true").array.count == 1)
        let again = try await daemon.request(.DELETE, "/api/v1/silences/\(id)", token: Self.token)
        #expect(again.status == 409)
        #expect(try await daemon.request(.DELETE, "/api/v1/silences/no-such-id", token: Self.token).status == 404)

        let bad = try await daemon.request(
            .POST, "/api/v1/silences", token: Self.token, contentType: "application/json",
            body: #"{"matchers": ["alertname=~\"(\""], "comment": "x"}"#)
        #expect(bad.status == 400)
        #expect((try bad.object["error"] as? String)?.hasPrefix("matcher alertname=~") == true)
        expectTokenHidden(daemon)
        #expect(try await daemon.stop() == 0)
    }

    @Test func changesWithoutTheRightTokenAre401AndNothingChanges() async throws {
        let daemon = try await APIFixture().start()
        try await daemon.waitUntilReady()
        let body = #"{"matchers": ["alertname=\"CanaryAlwaysFiring\""], "comment": "x"}"#
        for token in [nil, "wrong-token", Self.token + "x", String(Self.token.dropLast())] {
            let reply = try await daemon.request(.POST, "/api/v1/silences", token: token, contentType: "application/json", body: body)
            #expect(reply.status == 401)
            #expect(try reply.object["status"] as? String == "error")
            #expect(try reply.object["error"] is String)
            #expect(reply.header("WWW-Authenticate")?.hasPrefix("Bearer") == true)
        }
        #expect(try await daemon.request(.POST, "/-/reload").status == 401)
        #expect(try await daemon.request(.DELETE, "/api/v1/silences/x", token: "nope").status == 401)
        #expect(try await daemon.request(.GET, "/api/v1/silences").array.isEmpty)
        expectTokenHidden(daemon)
        #expect(try await daemon.stop() == 0)
    }

    @Test func withoutATokenFileChangesAre403() async throws {
        let daemon = try await APIFixture(http: { "  listen: 127.0.0.1:\($0)\n" }).start()
        try await daemon.waitUntilReady()
        let reply = try await daemon.request(
            .POST, "/api/v1/silences", token: Self.token, contentType: "application/json", body: #"{"matchers": ["a=\"b\""], "comment": "x"}"#)
        #expect(reply.status == 403)
        #expect((try reply.object["error"] as? String)?.contains("http.token_file") == true)
        #expect(try await daemon.request(.POST, "/-/reload").status == 403)
        #expect(try await daemon.request(.GET, "/api/v1/goals").status == 200, "reads stay open")
        let check = try await BinaryRunner.run(["check", "--config", daemon.config])
        #expect(check.standardOutput.contains("HTTP API on 127.0.0.1:\(daemon.port), read-only (no http.token_file)"))
        #expect(try await daemon.stop() == 0)
    }

    @Test func bodiesOverTheLimitAre413() async throws {
        let daemon = try await APIFixture().start()
        try await daemon.waitUntilReady()
        let large = "{\"at\": \"\(APIFixture.day(-1))T00:00:00Z\", \"network\": \"big\", \"followers\": 1}\n"
        let reply = try await daemon.request(
            .POST, "/api/v1/snapshots", token: Self.token, contentType: "application/x-ndjson", body: String(repeating: large, count: 100))
        #expect(reply.status == 413)
        #expect((try reply.object["error"] as? String)?.contains("4096 bytes (http.max_body)") == true)
        #expect(try await daemon.request(.GET, "/healthz").status == 200)
        #expect(try await daemon.stop() == 0)
    }

    @Test func pushedSnapshotsAreStoredAndRefusedOnesStoreNothing() async throws {
        let daemon = try await APIFixture().start()
        try await daemon.waitUntilReady()
        let yesterday = "\(APIFixture.day(-1))T00:00:00Z"
        let pushed = try await daemon.request(
            .POST, "/api/v1/snapshots", token: Self.token, contentType: "application/x-ndjson",
            body: "{\"at\": \"\(yesterday)\", \"network\": \"tiktok\", \"followers\": 512}\n")
        #expect(pushed.status == 200, "\(pushed.body)")
        #expect(try pushed.object["status"] as? String == "ingested")
        #expect(try pushed.object["samples"] as? Int == 1)
        let series = try await BinaryRunner.run(["series", "--config", daemon.config, "--match", #"followers{network="tiktok"}"#, "--format", "json"])
        #expect(series.standardOutput.contains(#""last_value":512"#), "\(series.standardOutput)")
        try await daemon.poll("/api/v1/goals") { $0.body.contains(#""network":"tiktok""#) }

        let csv = try await daemon.request(
            .POST, "/api/v1/snapshots?source=export", token: Self.token, contentType: "text/csv",
            body: "Date,Network,Followers\n\(APIFixture.day(-1)),facebook,77\n")
        #expect(csv.status == 200, "\(csv.body)")

        let bad = try await daemon.request(
            .POST, "/api/v1/snapshots", token: Self.token, contentType: "application/x-ndjson",
            body: "{\"at\": \"\(yesterday)\", \"network\": \"vine\", \"followers\": 1}\n{\"at\": \"\(yesterday)\", \"network\": \"vine\", \"followers\": }\n")
        #expect(bad.status == 400)
        #expect(try bad.object["line"] as? Int == 2)
        #expect(try bad.object["column"] is Int)
        #expect((try bad.object["error"] as? String)?.hasPrefix("snapshot refused, nothing stored: push:2:") == true)
        let vine = try await BinaryRunner.run(["series", "--config", daemon.config, "--match", #"followers{network="vine"}"#, "--format", "json"])
        #expect(vine.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines) == "[]")

        let unsupported = try await daemon.request(.POST, "/api/v1/snapshots", token: Self.token, contentType: "text/plain", body: "x")
        #expect(unsupported.status == 415)
        let metrics = try await daemon.request(.GET, "/metrics").body
        #expect(metrics.contains("goalwatch_ingest_errors_total 1\n"))
        #expect(metrics.contains("goalwatch_ingested_samples_total 2\n"))
        expectTokenHidden(daemon)
        #expect(try await daemon.stop() == 0)
    }

    @Test func reloadAnswersWithItsResult() async throws {
        let fixture = try await APIFixture()
        let daemon = try fixture.start()
        try await daemon.waitUntilReady()
        let good = try await daemon.request(.POST, "/-/reload", token: Self.token)
        #expect(good.status == 200, "\(good.body)")
        #expect(try good.object["status"] as? String == "reloaded")
        #expect(try good.object["goals"] as? Int == 1)

        let text = fixture.configText(daemon.port)
        try fixture.folder.write("goalwatch.yml", text + "unknown_key: 1\n")
        let broken = try await daemon.request(.POST, "/-/reload", token: Self.token)
        #expect(broken.status == 422)
        #expect((try broken.object["error"] as? String)?.contains("unknown key 'unknown_key'") == true)
        #expect((try broken.object["errors"] as? [String])?.count == 1)
        #expect(try await daemon.request(.GET, "/metrics").body.contains("goalwatch_config_last_reload_successful 0\n"))

        try fixture.folder.write("goalwatch.yml", fixture.configText(daemon.port + 1))
        let moved = try await daemon.request(.POST, "/-/reload", token: Self.token)
        #expect(moved.status == 409)
        #expect((try moved.object["error"] as? String)?.contains("moves the API") == true)

        try fixture.folder.write("goalwatch.yml", text)
        #expect(try await daemon.request(.POST, "/-/reload", token: Self.token).status == 200)
        #expect(try await daemon.request(.GET, "/metrics").body.contains("goalwatch_config_last_reload_successful 1\n"))
        expectTokenHidden(daemon)
        #expect(try await daemon.stop() == 0)
    }
}
