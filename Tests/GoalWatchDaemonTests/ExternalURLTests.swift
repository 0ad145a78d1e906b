import Foundation
import GoalWatchCore
@testable import GoalWatchDaemon
import Logging
import LoopbackHTTP
import ServiceLifecycle
import Testing

/// The dashboard address notifications link to: `external_url`, else the listening address.
@Suite struct ExternalURLTests {
    @Test(arguments: [
        (HTTPConfiguration(listen: .address(host: "127.0.0.1", port: 9464)), "http://127.0.0.1:9464"),
        (HTTPConfiguration(listen: .address(host: "::1", port: 9464)), "http://[::1]:9464"),
        (HTTPConfiguration(listen: .address(host: "0.0.0.0", port: 80)), "http://kpi-host:80"),
        (HTTPConfiguration(listen: .address(host: "::", port: 80)), "http://kpi-host:80"),
        (HTTPConfiguration(listen: .systemd, externalURL: "https://goalwatch.example.com"), "https://goalwatch.example.com"),
        (HTTPConfiguration(listen: .address(host: "127.0.0.1", port: 9464), externalURL: "https://kpis.example"), "https://kpis.example"),
    ] as [(HTTPConfiguration, String)])
    func theAddressIsTheExternalURLElseTheListeningOne(http: HTTPConfiguration, expected: String) {
        #expect(ExternalURL.of(http, hostName: { "kpi-host" }) == expected)
    }

    @Test func withoutAnAPIOrWithASocketOfSystemdThereIsNone() {
        #expect(ExternalURL.of(nil) == nil)
        #expect(ExternalURL.of(HTTPConfiguration(listen: .systemd)) == nil)
    }

    @Test func theHostNameIsTheMachines() {
        #expect(!ExternalURL.hostName().isEmpty)
    }

    /// The running daemon puts it in its notifications and in `$externalURL` of alert templates.
    @Test func notificationsAndTemplatesOfTheRunningDaemonCarryIt() async throws {
        let server = try LoopbackHTTPServer { _ in .init(status: 200) }
        defer { try? server.shutdown() }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("goalwatch-external-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try """
            groups:
              - name: canary
                rules:
                  - alert: Canary
                    expr: vector(1) > 0
                    annotations: {summary: 'see {{ $externalURL }}'}
            """.write(toFile: folder + "/rules.yml", atomically: true, encoding: .utf8)
        try """
            storage: {path: \(folder)/goalwatch.sqlite}
            evaluation: {interval: 1h}
            rule_files: [rules.yml]
            alerting:
              route: {receiver: hook, group_by: [alertname], group_wait: 0s}
            receivers:
              - name: hook
                webhook: {url: "\(server.url("/hook"))"}
            http: {listen: '127.0.0.1:\(try FreePort.loopback())', external_url: 'https://kpis.example/'}
            """.write(toFile: folder + "/goalwatch.yml", atomically: true, encoding: .utf8)
        let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
        let daemon = try Daemon(configPath: folder + "/goalwatch.yml", logger: logger, journal: false, version: "test")
        let group = ServiceGroup(configuration: .init(services: [.init(service: daemon)], logger: logger))
        let running = Task { try await group.run() }

        let deadline = ContinuousClock.now + .seconds(30)
        while server.requests.isEmpty, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        await group.triggerGracefulShutdown()
        try await running.value

        let request = try #require(server.requests.first, "no notification arrived")
        let payload = try #require(try JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any])
        #expect(payload["externalURL"] as? String == "https://kpis.example")
        let alert = try #require((payload["alerts"] as? [[String: Any]])?.first)
        #expect((alert["annotations"] as? [String: String])?["summary"] == "see https://kpis.example")
    }
}
