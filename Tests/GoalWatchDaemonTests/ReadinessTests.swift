import AsyncHTTPClient
import Foundation
import GoalWatchDaemon
import Logging
import LoopbackHTTP
import NIOCore
import ServiceLifecycle
import Testing

/// `/readyz` over a real socket, with the daemon in this process so that the API can run before the
/// daemon has evaluated anything: 503 first, 200 once the first evaluation has finished; `/healthz`
/// is 200 throughout.
@Suite struct ReadinessTests {
    @Test func readyzIs503BeforeTheFirstEvaluationAnd200After() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("goalwatch-ready-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let port = try FreePort.loopback()
        let config = folder.appendingPathComponent("goalwatch.yml").path
        try Data("storage: {path: \(folder.path)/goalwatch.sqlite}\nevaluation: {interval: 1h}\nhttp: {listen: '127.0.0.1:\(port)'}\n".utf8)
            .write(to: URL(fileURLWithPath: config))
        let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
        let daemon = try Daemon(configPath: config, logger: logger, journal: false, version: "test")
        let api = try #require(try await HTTPAPI.server(for: daemon, logger: logger))
        let server = ServiceGroup(configuration: .init(services: [.init(service: api)], logger: logger))
        let serving = Task { try await server.run() }

        #expect(try await Self.poll(port, "/healthz") { $0 == 200 } == 200)
        let before = try await Self.get(port, "/readyz")
        #expect(before.status == 503)
        #expect(before.body.contains(#""status":"error""#) && before.body.contains("first evaluation"))

        let daemonGroup = ServiceGroup(configuration: .init(services: [.init(service: daemon)], logger: logger))
        let running = Task { try await daemonGroup.run() }
        #expect(try await Self.poll(port, "/readyz") { $0 == 200 } == 200)
        #expect(try await Self.get(port, "/healthz").status == 200)

        await daemonGroup.triggerGracefulShutdown()
        await server.triggerGracefulShutdown()
        try await running.value
        try await serving.value
    }

    private static func get(_ port: Int, _ path: String) async throws -> (status: Int, body: String) {
        let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)"), timeout: .seconds(10))
        return (Int(response.status.code), String(buffer: try await response.body.collect(upTo: 1 << 20)))
    }

    /// The status of `GET path` once `accept` holds for it, polled for at most 30 s.
    private static func poll(_ port: Int, _ path: String, until accept: (Int) -> Bool) async throws -> Int? {
        let deadline = Date().addingTimeInterval(30)
        var status: Int?
        while Date() < deadline {
            status = try? await get(port, path).status
            if let status, accept(status) { return status }
            try await Task.sleep(for: .milliseconds(20))
        }
        return status
    }
}
