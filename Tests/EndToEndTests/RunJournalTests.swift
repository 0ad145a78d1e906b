import Foundation
import JournaldTestSupport
import LoopbackHTTP
import Testing

/// `goalwatch run` connected to a real systemd-journald (started by the test when none runs): the
/// firing transition and its delivery each leave one entry with DESIGN §9's fields, and the daemon's own
/// log lines arrive as structured entries.
@Suite(.needsJournald) struct RunJournalTests {
    @Test func theFiringEntryAndTheDeliveryReachJournaldWithTheirFields() async throws {
        try await RealJournald.shared.ensureRunning()
        let server = try LoopbackHTTPServer { _ in .init(status: 200) }
        defer { try? server.shutdown() }
        let run = UUID().uuidString
        let folder = try TemporaryFolder()
        _ = try folder.write("rules/canary.yml", """
            groups:
              - name: canary
                rules:
                  - alert: JournalCanary
                    expr: vector(3) > 0
                    labels: {severity: critical, account: cafe, test_run: "\(run)"}
                    annotations: {summary: "the canary fires"}
            """)
        let config = try folder.write("goalwatch.yml", """
            storage: {path: state/goalwatch.sqlite}
            evaluation: {interval: 1s}
            rule_files: [rules/*.yml]
            alerting:
              route: {receiver: hook, group_by: [alertname], group_wait: 0s}
            receivers:
              - name: hook
                webhook: {url: "\(server.url("/hook"))"}
            """)
        let process = try IsolatedProcess(
            executable: BinaryRunner.executable.path, arguments: ["run", "--config", config],
            environment: ProcessInfo.processInfo.environment.merging(["GOALWATCH_LOG": "journal"]) { $1 }
                .filter { $0.key != "NOTIFY_SOCKET" },
            standardErrorPath: "/dev/null")
        defer { process.send(SIGKILL) }

        let entries = try await JournalQuery.entries("GOALWATCH_LABEL_TEST_RUN", run, count: 2, within: .seconds(30))
        let firing = try #require(entries.first { $0["GOALWATCH_EVENT"] == "firing" })
        #expect(firing["SYSLOG_IDENTIFIER"] == "goalwatch")
        #expect(firing["PRIORITY"] == "2", "critical is PRIORITY 2")
        #expect(firing["MESSAGE_ID"]?.count == 32)
        #expect(firing["GOALWATCH_ALERTNAME"] == "JournalCanary")
        #expect(firing["GOALWATCH_SEVERITY"] == "critical")
        #expect(firing["GOALWATCH_VALUE"] == "3")
        #expect(firing["GOALWATCH_LABEL_ACCOUNT"] == "cafe")
        #expect(firing["GOALWATCH_FINGERPRINT"]?.isEmpty == false)
        #expect(firing["MESSAGE"]?.contains("JournalCanary") == true)
        let notified = try #require(entries.first { $0["GOALWATCH_EVENT"] == "notified" })
        #expect(notified["GOALWATCH_RECEIVER"] == "hook")
        #expect(!server.requests.isEmpty)

        // The daemon's own log lines: structured entries of the same process, with the code location;
        // its lifecycle records carry their event and the catalog's MESSAGE_ID.
        let pid = String(process.pid)
        let starting = try await entry(of: pid) { $0["MESSAGE"] == "starting" }
        #expect(starting["SYSLOG_IDENTIFIER"] == "goalwatch")
        #expect(starting["CODE_FILE"]?.isEmpty == false)
        let started = try await entry(of: pid) { $0["GOALWATCH_EVENT"] == "started" }
        #expect(started["MESSAGE_ID"] == "4d05dddf6c9a4a3f9c5286f6e2800d30")
        #expect(started["GOALWATCH_STATUS"]?.contains("firing") == true)
        process.send(SIGHUP)
        let reload = try await entry(of: pid) { $0["GOALWATCH_EVENT"] == "reload" }
        #expect(reload["MESSAGE_ID"] == "0cd2e42f4a5c4f24b19f5f190758bca3")
        process.send(SIGTERM)
        let stopping = try await entry(of: pid) { $0["GOALWATCH_EVENT"] == "stopping" }
        #expect(stopping["MESSAGE_ID"] == "5c4620d4acf8420f828cb164f23fea2f")
    }

    /// The first entry of process `pid` that `matches`, waiting up to 20 seconds for it.
    private func entry(of pid: String, _ matches: @escaping (JournaldEntry) -> Bool) async throws -> JournaldEntry {
        let deadline = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < deadline {
            let entries = try await JournalQuery.entries("_PID", pid, count: 1, within: .seconds(10))
            if let found = entries.first(where: matches) { return found }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw JournaldHarnessError("no matching journal entry of process \(pid) within 20 s")
    }
}
