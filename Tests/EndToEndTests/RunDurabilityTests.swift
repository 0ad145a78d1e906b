import Foundation
import GoalWatchCore
import GoalWatchNotify
import GoalWatchStore
import LoopbackHTTP
import NIOConcurrencyHelpers
import Testing

/// The daemon killed with SIGKILL and started again: nothing it accepted is lost, nothing fires twice.
@Suite struct RunDurabilityTests {
    private static func config(hook: String) -> String {
        """
        storage: {path: state/goalwatch.sqlite}
        evaluation: {interval: 1s}
        rule_files: [rules/*.yml]
        alerting:
          route: {receiver: hook, group_by: [alertname], group_wait: 1s, group_interval: 1m}
        receivers:
          - name: hook
            webhook: {url: "\(hook)"}
            max_age: 1h
        """
    }

    private static func rules(forDuration: String) -> String {
        """
        groups:
          - name: canary
            interval: 1s
            rules:
              - alert: CanaryAlwaysFiring
                expr: vector(1) > 0
                for: \(forDuration)
                labels: {severity: warning}
        """
    }

    private func start(_ config: String, _ notify: NotifySocketHarness, log: String) throws -> IsolatedProcess {
        try IsolatedProcess(
            executable: BinaryRunner.executable.path, arguments: ["run", "--config", config],
            environment: ProcessInfo.processInfo.environment.merging(["NOTIFY_SOCKET": notify.path, "GOALWATCH_LOG": "logfmt"]) { $1 },
            standardErrorPath: log)
    }

    private func until(_ description: String, within seconds: Double = 30, _ condition: () throws -> Bool) async throws {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try condition() { return }
            try await Task.sleep(for: .milliseconds(20))
        }
        Issue.record("timed out waiting until \(description)")
    }

    private func kill9(_ process: IsolatedProcess) async throws {
        process.send(SIGKILL)
        _ = try await process.waitForExit()
    }

    @Test func aNotificationMadeWhileTheReceiverWasDownIsDeliveredAfterSIGKILLWithTheSameKeyAndNotFiredAgain() async throws {
        let receiverUp = NIOLockedValueBox(false)
        let server = try LoopbackHTTPServer { _ in .init(status: receiverUp.withLockedValue { $0 } ? 200 : 503) }
        defer { try? server.shutdown() }
        let folder = try TemporaryFolder()
        try folder.write("rules/canary.yml", Self.rules(forDuration: "0s"))
        let config = try folder.write("goalwatch.yml", Self.config(hook: server.url("/hook")))

        let first = try start(config, try NotifySocketHarness(), log: folder.path + "/first.log")
        defer { first.send(SIGKILL) }
        try await until("the down receiver was tried") { !server.requests.isEmpty }
        try await kill9(first)
        let key = try #require(server.requests.first?.header("Idempotency-Key"))

        receiverUp.withLockedValue { $0 = true }
        let notify = try NotifySocketHarness()
        let second = try start(config, notify, log: folder.path + "/second.log")
        defer { second.send(SIGKILL) }
        let ready = try await notify.waitFor("READY=1") { $0.contains("READY=1") }
        try await until("the notification was accepted") {
            try MetricStore(path: folder.path + "/state/goalwatch.sqlite").outboxDepth() == 0
        }
        // A few more cycles: nothing new is made for the same group.
        var seen = ready
        for _ in 0..<3 { seen = try await notify.waitFor(after: seen + 1, "another STATUS") { $0.contains("STATUS=") } }
        second.send(SIGTERM)
        let status = try await second.waitForExit()
        #expect(status == 0, "SIGTERM stops the daemon cleanly: \(status)\n\((try? String(contentsOfFile: folder.path + "/second.log", encoding: .utf8)) ?? "")")
        #expect(Set(server.requests.compactMap { $0.header("Idempotency-Key") }) == [key])
        let secondLog = try String(contentsOfFile: folder.path + "/second.log", encoding: .utf8)
        let firstLog = try String(contentsOfFile: folder.path + "/first.log", encoding: .utf8)
        #expect(firstLog.contains("msg=\"alert firing\""))
        #expect(!secondLog.contains("msg=\"alert firing\""), "the restored alert fired again as new:\n\(secondLog)")
    }

    @Test func aRestartKeepsAPendingAlertsForTimer() async throws {
        let server = try LoopbackHTTPServer { _ in .init(status: 200) }
        defer { try? server.shutdown() }
        let folder = try TemporaryFolder()
        try folder.write("rules/canary.yml", Self.rules(forDuration: "15s"))
        let config = try folder.write("goalwatch.yml", Self.config(hook: server.url("/hook")))
        let storePath = folder.path + "/state/goalwatch.sqlite"

        let first = try start(config, try NotifySocketHarness(), log: folder.path + "/first.log")
        defer { first.send(SIGKILL) }
        var pending: AlertInstance?
        try await until("the canary is pending") {
            let states = (try? MetricStore(path: storePath).alertStates()) ?? []
            pending = try states.first.map { try StoredJSON.decode(ActiveAlert.self, from: $0.body).instance }
            return pending != nil
        }
        try await kill9(first)
        let since = try #require(pending).activeSince
        try #require(pending?.phase == .pending, "the first run was killed while the canary was pending, before its `for` ended")
        try #require(server.requests.isEmpty, "the first run notified nothing")

        let second = try start(config, try NotifySocketHarness(), log: folder.path + "/second.log")
        defer { second.send(SIGKILL) }
        try await until("the canary's notification arrived") { !server.requests.isEmpty }
        second.send(SIGTERM)
        #expect(try await second.waitForExit() == 0, "SIGTERM stops the daemon cleanly")
        let body = try #require(try JSONSerialization.jsonObject(with: Data(server.requests[0].body)) as? [String: Any])
        let alert = try #require((body["alerts"] as? [[String: Any]])?.first)
        // The alert started when it first became pending, before the restart, not when the second run began.
        #expect((alert["startsAt"] as? String).flatMap { Timestamp(rfc3339: $0) } == since)
    }
}
