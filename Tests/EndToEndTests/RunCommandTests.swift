import Foundation
import LoopbackHTTP
import Testing

/// `goalwatch run` as systemd runs it: the notify protocol, reload, stop, and an alert reaching a webhook.
@Suite struct RunCommandTests {
    private static let rules = """
        groups:
          - name: canary
            interval: 1s
            rules:
              - alert: CanaryAlwaysFiring
                expr: vector(1) > 0
                labels: {severity: warning}
                annotations: {summary: "the canary fires"}
        """

    private func configuration(_ folder: TemporaryFolder, hook: String) throws -> String {
        try folder.write("rules/canary.yml", Self.rules)
        try folder.write("hook-secret", "run-secret\n")
        return try folder.write("goalwatch.yml", Self.config(hook: hook))
    }

    private static func config(hook: String) -> String {
        """
        storage: {path: state/goalwatch.sqlite}
        evaluation: {interval: 1s}
        rule_files: [rules/*.yml]
        alerting:
          route: {receiver: hook, group_by: [alertname], group_wait: 1s, group_interval: 1m}
        receivers:
          - name: hook
            webhook: {url: "\(hook)", secret_file: hook-secret}
        """
    }

    /// Starts the daemon isolated from the other tests' descriptors (see ``IsolatedProcess``).
    private func start(config: String, notify: NotifySocketHarness, environment: [String: String] = [:]) throws -> IsolatedProcess {
        try IsolatedProcess(
            executable: BinaryRunner.executable.path, arguments: ["run", "--config", config],
            environment: ProcessInfo.processInfo.environment
                .merging(["NOTIFY_SOCKET": notify.path, "GOALWATCH_LOG": "logfmt"]) { $1 }.merging(environment) { $1 },
            standardErrorPath: "/dev/null")
    }

    @Test func readyStatusReloadAndStopFollowTheNotifyProtocolAndTheAlertArrives() async throws {
        let server = try LoopbackHTTPServer { _ in .init(status: 200) }
        defer { try? server.shutdown() }
        let folder = try TemporaryFolder()
        let config = try configuration(folder, hook: server.url("/hook"))
        let notify = try NotifySocketHarness()
        let process = try start(config: config, notify: notify)
        defer { process.send(SIGKILL) }

        let ready = try await notify.waitFor("READY=1") { $0.split(separator: "\n").contains("READY=1") }
        #expect(notify.messages[ready].contains("STATUS="))
        _ = try await notify.waitFor(after: ready, "STATUS with a firing alert") { $0.contains("STATUS=") && $0.contains("1 firing") }

        // The canary's notification reaches the webhook, signed.
        let deadline = Date().addingTimeInterval(30)
        while server.requests.isEmpty, Date() < deadline { try await Task.sleep(for: .milliseconds(20)) }
        let request = try #require(server.requests.first, "no notification reached the webhook")
        #expect(request.header("X-GoalWatch-Signature")?.hasPrefix("sha256=") == true)
        #expect(request.text.contains("CanaryAlwaysFiring"))

        // A broken configuration is refused: RELOADING=1 with MONOTONIC_USEC, then READY=1 with the reason in STATUS.
        try folder.write("goalwatch.yml", Self.config(hook: server.url("/hook")) + "\nunknown_key: 1\n")
        var seen = notify.messages.count
        process.send(SIGHUP)
        let reloading = try await notify.waitFor(after: seen, "RELOADING=1") { $0.contains("RELOADING=1") }
        #expect(notify.messages[reloading].contains("MONOTONIC_USEC="))
        let refused = try await notify.waitFor(after: reloading, "READY=1 after the refused reload") { $0.contains("READY=1") }
        #expect(notify.messages[refused].contains("reload refused: \(config):"))
        #expect(process.isRunning)

        // A good one is taken, and STATUS no longer mentions the refusal.
        try folder.write("goalwatch.yml", Self.config(hook: server.url("/hook")))
        seen = notify.messages.count
        process.send(SIGHUP)
        let reloaded = try await notify.waitFor(after: seen, "READY=1 after the good reload") { $0.contains("READY=1") }
        #expect(!notify.messages[reloaded].contains("reload refused"))

        #expect(FileManager.default.fileExists(atPath: folder.path + "/state/goalwatch.sqlite-wal"), "a running store writes ahead")
        seen = notify.messages.count
        process.send(SIGTERM)
        _ = try await notify.waitFor(after: seen, "STOPPING=1") { $0.contains("STOPPING=1") }
        #expect(try await process.waitForExit() == 0)
        // A clean stop leaves the store in one file, its write-ahead log copied in and removed.
        let state = try FileManager.default.contentsOfDirectory(atPath: folder.path + "/state")
        #expect(state.filter { $0.hasPrefix("goalwatch.sqlite") }.sorted() == ["goalwatch.sqlite"])
    }

    @Test func anInvalidConfigurationStopsTheStartWithEveryError() async throws {
        let folder = try TemporaryFolder()
        let config = try folder.write("goalwatch.yml", "storage: {path: state/goalwatch.sqlite}\nevaluation: {interval: soon}\n")
        let result = try await BinaryRunner.run(["run", "--config", config])
        #expect(result.status == 1)
        #expect(result.standardError.contains("\(config):2:"))
    }

    @Test func theWaitingEvaluationLoopPingsTheWatchdogAtHalfItsInterval() async throws {
        let folder = try TemporaryFolder()
        try folder.write("rules/canary.yml", Self.rules)
        // An hourly evaluation: the pings can only come from the loop waiting for its next tick.
        let config = try folder.write("goalwatch.yml", "storage: {path: state/goalwatch.sqlite}\nevaluation: {interval: 1h}\nrule_files: [rules/*.yml]\n")
        let notify = try NotifySocketHarness()
        let process = try start(config: config, notify: notify, environment: ["WATCHDOG_USEC": "1000000"])
        defer { process.send(SIGKILL) }
        let ready = try await notify.waitFor("READY=1") { $0.contains("READY=1") }
        var seen = ready
        for _ in 0..<3 { seen = try await notify.waitFor(after: seen + 1, "WATCHDOG=1") { $0 == "WATCHDOG=1" } }
        process.send(SIGTERM)
        #expect(try await process.waitForExit() == 0)
    }
}
