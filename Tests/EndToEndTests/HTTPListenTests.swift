import Foundation
import LoopbackHTTP
import Testing

/// Where the API listens: on the socket the service manager passes (`listen: systemd`, as
/// goalwatch.socket does; `systemd-socket-activate`, systemd's tool for exactly this, passes it here),
/// and what happens when it cannot listen.
@Suite struct HTTPListenTests {
    static let activator = "/usr/bin/systemd-socket-activate"

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: activator), "systemd-socket-activate is not installed (package systemd)"))
    func theAPIServesOnThePassedSocket() async throws {
        let port = try FreePort.loopback()
        let daemon = try await APIFixture(http: { _ in "  listen: systemd\n  token_file: api-token\n" }).start(
            launcher: [Self.activator, "--listen=127.0.0.1:\(port)", "--fdname=http", "--setenv=GOALWATCH_LOG=logfmt"], port: port)
        try await daemon.waitUntilReady()
        #expect(try await daemon.request(.GET, "/healthz").status == 200)
        #expect(try await daemon.request(.POST, "/-/reload", token: APIFixture.token).status == 200)
        #expect(daemon.standardError.contains("the socket systemd passed"))
        #expect(try await daemon.stop() == 0)
    }

    @Test func listenSystemdWithoutASocketStopsTheStartSayingWhatToDo() async throws {
        let fixture = try await APIFixture(http: { _ in "  listen: systemd\n" })
        let config = try fixture.folder.write("goalwatch.yml", fixture.configText(0))
        let result = try await BinaryRunner.run(["run", "--config", config], environment: ["NOTIFY_SOCKET": ""])
        #expect(result.status == 1)
        #expect(result.standardError.contains("http.listen systemd: cannot listen: no socket was passed"))
        #expect(result.standardError.contains("goalwatch.socket"))
    }

    @Test func anAddressInUseStopsTheStartNamingIt() async throws {
        let fixture = try await APIFixture()
        let holder = try LoopbackHTTPServer { _ in .init(status: 200) }
        defer { try? holder.shutdown() }
        let port = holder.port
        let config = try fixture.folder.write("goalwatch.yml", fixture.configText(port))
        let result = try await BinaryRunner.run(["run", "--config", config])
        #expect(result.status == 1)
        #expect(result.standardError.contains("http.listen 127.0.0.1:\(port): cannot listen:"), "\(result.standardError)")
    }
}
