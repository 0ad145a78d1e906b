import Foundation
import Testing

/// The machine's systemd-journald, for tests that write entries and read them back.
///
/// A journald that already listens on ``socketPath`` is used as it is. Otherwise the first test that calls
/// ``ensureRunning()`` starts `systemd-journald` (which needs root), and every other test of the process
/// waits for that same start. A lock file keeps test processes running side by side from starting two.
/// A journald started here keeps running after the tests, and later runs reuse it, as they would a
/// journald run by systemd; its journal is the volatile one in `/run/log/journal`.
public actor RealJournald {
    /// The one instance of the test process.
    public static let shared = RealJournald()

    /// journald's native-protocol socket, to which sd_journal_sendv(3) writes.
    public static let socketPath = "/run/systemd/journal/socket"

    /// Why journald cannot be used here, or `nil` when it can: it already runs, or this process may start it.
    public static let unavailableReason: String? = {
        if Program.find("journalctl") == nil { return "journalctl is not installed" }
        if geteuid() != 0 && !isInGroup("systemd-journal") {
            return "reading the system journal back needs root or the systemd-journal group"
        }
        if socketAcceptsDatagrams() { return nil }
        if daemonPath == nil { return "systemd-journald is not installed and none runs" }
        if geteuid() != 0 { return "no journald runs and only root can start systemd-journald" }
        return nil
    }()

    private static let daemonPath = ["/lib/systemd/systemd-journald", "/usr/lib/systemd/systemd-journald"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    private var start: Task<Void, any Error>?

    /// Returns once journald accepts entries, starting it the first time if none runs.
    ///
    /// - Throws: ``JournaldHarnessError`` when journald could not be started or did not open its socket
    ///   within 10 seconds.
    public func ensureRunning() async throws {
        if let start { return try await start.value }
        let task = Task { try await Self.startUnlessRunning() }
        start = task
        try await task.value
    }

    private static func startUnlessRunning() async throws {
        if socketAcceptsDatagrams() { return }
        if let unavailableReason { throw JournaldHarnessError(unavailableReason) }
        let lock = try await CrossProcessLock.acquire(path: NSTemporaryDirectory() + "goalwatch-test-journald.lock")
        defer { lock.release() }
        if socketAcceptsDatagrams() { return }
        let daemon = Process()
        daemon.executableURL = URL(fileURLWithPath: daemonPath ?? "")
        // A fixed environment: journald must not inherit NOTIFY_SOCKET or WATCHDOG_* that a test has set.
        daemon.environment = ["PATH": "/usr/sbin:/usr/bin:/sbin:/bin"]
        daemon.standardInput = FileHandle.nullDevice
        daemon.standardOutput = FileHandle.nullDevice
        daemon.standardError = FileHandle.nullDevice
        try daemon.run()
        let opened = try await eventually(within: .seconds(10)) { socketAcceptsDatagrams() || !daemon.isRunning }
        guard opened, daemon.isRunning else {
            throw JournaldHarnessError(
                daemon.isRunning
                    ? "systemd-journald did not open \(socketPath) within 10 seconds"
                    : "systemd-journald exited with status \(daemon.terminationStatus) before opening \(socketPath)")
        }
    }

    private static func isInGroup(_ name: String) -> Bool {
        guard let group = getgrnam(name) else { return false }
        let count = getgroups(0, nil)
        var groups = [gid_t](repeating: 0, count: Int(max(count, 0)))
        let filled = getgroups(count, &groups)
        return getegid() == group.pointee.gr_gid || groups.prefix(Int(max(filled, 0))).contains(group.pointee.gr_gid)
    }

    /// Whether something is bound to ``socketPath``: connect(2) on a datagram socket succeeds only then.
    static func socketAcceptsDatagrams() -> Bool {
        let descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            socketPath.utf8CString.withUnsafeBytes { buffer.copyMemory(from: $0) }
        }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        return result == 0
    }
}

extension Trait where Self == ConditionTrait {
    /// Runs the test only where a real journald can be used: one is running, or the tests run as root
    /// with systemd-journald installed so the harness can start it. A skipped test says which is missing.
    public static var needsJournald: Self {
        let reason = RealJournald.unavailableReason
        return .enabled(if: reason == nil, Comment(rawValue: "needs a real systemd-journald: \(reason ?? "available")"))
    }
}
