import Foundation
import LoopbackHTTP
import Testing

/// A snapshot dropped into a running daemon's inbox is read (inotify), evaluated from the daemon's
/// in-memory history, and alerts; a later snapshot that clears the condition resolves the alert.
@Suite struct RunInboxTests {
    private static let rules = """
        groups:
          - name: followers
            rules:
              - alert: FollowersBelowFloor
                expr: followers < 100
                labels: {severity: warning}
                annotations: {summary: "followers of {{ $labels.account }} fell to {{ $value }}"}
        """

    private static let config = """
        storage: {path: state/goalwatch.sqlite}
        evaluation: {interval: 1s, lookback: 1h}
        rule_files: [rules/*.yml]
        sources:
          - {name: inbox, kind: file, path: inbox/*.json, every: 1h}
        alerting:
          route: {receiver: hook, group_by: [alertname], group_wait: 0s, group_interval: 1s}
        receivers:
          - name: hook
            webhook: {url: "HOOK", format: generic}
        """

    private static func snapshot(followers: Int, at time: Date) -> String {
        let stamp = ISO8601DateFormatter().string(from: time)
        return """
            {"version": 1, "series": [{"labels": {"account": "cafe"}, "metrics": {"followers": \(followers)}, "at": "\(stamp)"}]}
            """
    }

    @Test func aSnapshotDroppedInTheInboxIsEvaluatedAndAlertsThenResolves() async throws {
        let server = try LoopbackHTTPServer { _ in .init(status: 200) }
        defer { try? server.shutdown() }
        let folder = try TemporaryFolder()
        _ = try folder.write("rules/followers.yml", Self.rules)
        _ = try folder.write("inbox/first.json", Self.snapshot(followers: 500, at: Date()))
        let config = try folder.write("goalwatch.yml", Self.config.replacingOccurrences(of: "HOOK", with: server.url("/hook")))
        let process = try await startAndWaitForReady(config: config)
        defer { process.send(SIGKILL) }
        #expect(server.requests.isEmpty, "500 followers are above the floor")

        // Written elsewhere and renamed in, as exporters should; the every: 1h poll would be far too late.
        let staged = try folder.write("staged.json", Self.snapshot(followers: 42, at: Date()))
        try FileManager.default.moveItem(atPath: staged, toPath: folder.url.appendingPathComponent("inbox/second.json").path)
        let firing = try await waitForRequest(server, containing: "\"status\":\"firing\"")
        #expect(firing.contains("followers of cafe fell to 42"))

        let cleared = try folder.write("staged.json", Self.snapshot(followers: 700, at: Date()))
        try FileManager.default.moveItem(atPath: cleared, toPath: folder.url.appendingPathComponent("inbox/third.json").path)
        _ = try await waitForRequest(server, containing: "\"status\":\"resolved\"")

        process.send(SIGTERM)
        #expect(try await process.waitForExit() == 0)
    }

    @Test func aSourceWithoutNewDataRaisesOneStaleAlertUntilDataArrives() async throws {
        let server = try LoopbackHTTPServer { _ in .init(status: 200) }
        defer { try? server.shutdown() }
        let folder = try TemporaryFolder()
        _ = try folder.write("rules/followers.yml", Self.rules)
        let config = try folder.write("goalwatch.yml", Self.config
            .replacingOccurrences(of: "every: 1h}", with: "every: 1h, stale_after: 2s}")
            .replacingOccurrences(of: "HOOK", with: server.url("/hook")))
        let process = try await startAndWaitForReady(config: config)
        defer { process.send(SIGKILL) }
        let stale = try await waitForRequest(server, containing: "\"status\":\"firing\"")
        let payload = try JSONSerialization.jsonObject(with: Data(stale.utf8)) as? [String: Any]
        let alert = (payload?["alerts"] as? [[String: Any]])?.first
        #expect((alert?["value"] as? Double ?? 0) >= 2, "a source gets its whole stale_after from the start")
        #expect(stale.contains("\"alertname\":\"GoalWatchSourceStale\""))
        #expect(stale.contains("\"source\":\"inbox\""))
        #expect(stale.contains("source inbox has brought no new data for"))

        _ = try folder.write("inbox/first.json", Self.snapshot(followers: 500, at: Date()))
        let resolved = try await waitForRequest(server, containing: "\"status\":\"resolved\"")
        #expect(resolved.contains("GoalWatchSourceStale"))
        process.send(SIGTERM)
    }

    /// Starts the daemon isolated from the other tests' descriptors (see ``IsolatedProcess``) and waits for READY=1.
    private func startAndWaitForReady(config: String) async throws -> IsolatedProcess {
        let notify = try NotifySocketHarness()
        let process = try IsolatedProcess(
            executable: BinaryRunner.executable.path, arguments: ["run", "--config", config],
            environment: ProcessInfo.processInfo.environment.merging(["NOTIFY_SOCKET": notify.path, "GOALWATCH_LOG": "logfmt"]) { $1 },
            standardErrorPath: "/dev/null")
        do {
            _ = try await notify.waitFor("READY=1") { $0.contains("READY=1") }
        } catch {
            process.send(SIGKILL)
            throw error
        }
        return process
    }

    private func waitForRequest(_ server: LoopbackHTTPServer, containing text: String, within seconds: Double = 20) async throws -> String {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if let body = server.requests.map(\.text).first(where: { $0.contains(text) }) { return body }
            try await Task.sleep(for: .milliseconds(20))
        }
        Issue.record("no request containing \(text) within \(seconds) s; got \(server.requests.count)")
        throw CancellationError()
    }
}
