import Foundation
import LoopbackHTTP
import Testing

/// Where the API listens: on the socket the service manager passes (`listen: systemd`, as
/// goalwatch.socket does), and what happens when it cannot listen.
@Suite struct HTTPListenTests {
    /// Passes a listening socket as systemd does: bound, as descriptor 3, with `LISTEN_FDS`, `LISTEN_PID`
    /// and `LISTEN_FDNAMES`, then execs the daemon. (systemd-socket-activate does the same but closes every
    /// other descriptor, among them the one through which the test runner's Foundation.Process sees its
    /// child end; this launcher keeps them, moving whatever held descriptor 3 out of the way.)
    static let launcher = """
        import os, socket, sys
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((sys.argv[1], int(sys.argv[2])))
        listener.listen(128)
        if listener.fileno() != 3:
            try:
                os.set_inheritable(os.dup(3), True)
            except OSError:
                pass
            os.dup2(listener.fileno(), 3)
        os.set_inheritable(3, True)
        os.environ.update(LISTEN_FDS="1", LISTEN_PID=str(os.getpid()), LISTEN_FDNAMES="http", GOALWATCH_LOG="logfmt")
        os.execv(sys.argv[3], sys.argv[3:])
        """

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/python3"), "python3 is not installed"))
    func theAPIServesOnThePassedSocket() async throws {
        let port = try FreePort.loopback()
        let daemon = try await APIFixture(http: { _ in "  listen: systemd\n  token_file: api-token\n" }).start(
            launcher: ["/usr/bin/python3", "-c", Self.launcher, "127.0.0.1", String(port)], port: port)
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
