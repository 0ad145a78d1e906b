import Foundation
import JournaldTestSupport
import Testing
@testable import Systemd

/// sd_listen_fds(3) reads LISTEN_PID, LISTEN_FDS and LISTEN_FDNAMES of this process. The rules are checked
/// with setenv on this process, never claiming a descriptor (this process's descriptor 3 belongs to the
/// test runner); a real inherited socket is checked in a child started by systemd-socket-activate.
@Suite("socket activation", .serialized)
struct ListenFDsTests {
    init() { Self.clear() }

    static func clear() {
        for name in ["LISTEN_PID", "LISTEN_FDS", "LISTEN_FDNAMES"] { unsetenv(name) }
    }

    @Test("without LISTEN_FDS nothing was passed")
    func nothingPassed() throws {
        #expect(try ListenFDs.inherited().isEmpty)
    }

    @Test("descriptors passed to another process (an inherited environment) are not ours")
    func otherProcess() throws {
        defer { Self.clear() }
        setenv("LISTEN_FDS", "1", 1)
        setenv("LISTEN_PID", "\(getppid())", 1)
        #expect(try ListenFDs.inherited().isEmpty)
    }

    @Test("malformed variables for this process are errors", arguments: [
        ("abc", "\(getpid())"), ("1", "not-a-pid"), ("-1", "\(getpid())"),
    ])
    func malformed(fds: String, pid: String) throws {
        defer { Self.clear() }
        setenv("LISTEN_FDS", fds, 1)
        setenv("LISTEN_PID", pid, 1)
        let error = try #require(throws: ListenFDsError.self) { try ListenFDs.inherited() }
        #expect(error.errno == EINVAL)
        #expect(error.description.contains("LISTEN_FDS"))
    }

    @Test(
        "a socket passed by systemd-socket-activate arrives as descriptor 3, named, listening, and accepts",
        .enabled(if: Program.find("systemd-socket-activate") != nil, "systemd-socket-activate (Debian package systemd) is not installed"),
        .timeLimit(.minutes(1)))
    func realInheritedSocket() async throws {
        let activate = try #require(Program.find("systemd-socket-activate"))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("activate-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let socketPath = folder.appendingPathComponent("http.sock").path
        let log = folder.appendingPathComponent("child.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)

        // systemd-socket-activate binds the socket, waits for a connection, then execs the child with the
        // listening socket as descriptor 3: the child is this test binary, running only ChildProbe's test.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: activate)
        process.arguments = [
            "--listen=\(socketPath)", "--fdname=http",
            "--setenv=\(ChildProbe.variable)=1", "--setenv=LD_LIBRARY_PATH", "--setenv=PATH",
            try ChildProbe.testBinary(), "--testing-library", "swift-testing", "--filter", ChildProbe.testName,
        ]
        process.standardInput = FileHandle.nullDevice
        let logHandle = try FileHandle(forWritingTo: log)
        process.standardOutput = logHandle
        process.standardError = logHandle
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        var connection: UnixStreamConnection?
        let connected = try await eventually(within: .seconds(10)) {
            connection = UnixStreamConnection(path: socketPath)
            return connection != nil
        }
        try #require(connected, "systemd-socket-activate never listened on \(socketPath)")
        let reply = try #require(connection).readToEnd(timeoutSeconds: 40)
        process.waitUntilExit()
        let childLog = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        #expect(reply == "3 http listening; LISTEN_FDS unset", "child output:\n\(childLog)")
        #expect(process.terminationStatus == 0, "child output:\n\(childLog)")
    }
}

/// The child's side of ``ListenFDsTests/realInheritedSocket()``: enabled only in the process that
/// systemd-socket-activate starts, it reports what it inherited over the connection it accepts.
@Suite("socket activation child")
struct ChildProbe {
    static let variable = "GOALWATCH_LISTEN_FDS_PROBE"
    static let testName = "ChildProbe/reportInheritedSockets"

    /// This test binary, which the child runs again.
    static func testBinary() throws -> String {
        try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment[ChildProbe.variable] != nil, "runs only as the child of realInheritedSocket"))
    func reportInheritedSockets() throws {
        let passed = try ListenFDs.inherited(unsettingEnvironment: true)
        let socket = try #require(passed.first, "no descriptor was passed")
        let report = passed.map { "\($0.descriptor) \($0.name) \($0.isListeningStreamSocket ? "listening" : "not listening")" }
            .joined(separator: ", ") + "; LISTEN_FDS \(getenv("LISTEN_FDS") == nil ? "unset" : "still set")"
        let client = accept(socket.descriptor, nil, nil)
        try #require(client >= 0, "accept failed with errno \(errno)")
        defer { close(client) }
        let sent = Array(report.utf8).withUnsafeBytes { send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        #expect(sent == report.utf8.count)
    }
}
