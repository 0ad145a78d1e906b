import Foundation

/// A long-running child (a daemon under test) started with posix_spawn so that it inherits no
/// descriptor beyond standard input, output and error.
///
/// Foundation's `Process` can let a child inherit the pipes and the exit-detection socket of another
/// child started at the same moment by a test running in parallel; a daemon holding them would keep
/// that other child's output open, and its exit unnoticed, for as long as the daemon runs. This one
/// closes every descriptor from 3 on in the child (`posix_spawn_file_actions_addclosefrom_np`) and learns
/// of the exit with `waitpid`.
final class IsolatedProcess: @unchecked Sendable {
    // @unchecked: `status` is only touched under `lock`; `pid` is immutable.
    let pid: pid_t
    private let lock = NSLock()
    private var status: Int32?

    /// Starts `executable` with `arguments` and exactly `environment`; standard input and output are
    /// /dev/null, standard error is appended to `standardErrorPath`. Signal dispositions and the mask
    /// are reset, so SIGTERM and SIGHUP reach the child whatever this process ignores or blocks.
    init(executable: String, arguments: [String], environment: [String: String], standardErrorPath: String) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, standardErrorPath, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        guard Self.addCloseFrom(&actions, 3) == 0 else { throw POSIXError(.ENOSYS) }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t(), all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid = pid_t()
        let result = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard result == 0 else { throw POSIXError(POSIXErrorCode(rawValue: result) ?? .EINVAL) }
        self.pid = pid
    }

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34 and later), which its header declares
    /// only for `_GNU_SOURCE`, so Swift's Glibc module does not import it.
    private static let addCloseFrom: @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32 = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") else {
            return { _, _ in ENOSYS }
        }
        return unsafeBitCast(symbol, to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32).self)
    }()

    /// A child still running is killed and reaped.
    deinit {
        if isRunning {
            kill(pid, SIGKILL)
            waitpid(pid, nil, 0)
        }
    }

    /// Whether the child still runs; reaps it once it has ended.
    var isRunning: Bool {
        lock.withLock {
            guard status == nil else { return false }
            var raw: Int32 = 0
            guard waitpid(pid, &raw, WNOHANG) == pid else { return true }
            // WIFEXITED: the exit code; otherwise 128 + the signal, as shells report it.
            status = raw & 0x7f == 0 ? (raw >> 8) & 0xff : 128 + (raw & 0x7f)
            return false
        }
    }

    /// The exit status once the child has ended (see ``isRunning``).
    var terminationStatus: Int32? {
        _ = isRunning
        return lock.withLock { status }
    }

    /// Sends `signal` to the child.
    func send(_ signal: Int32) {
        if isRunning { kill(pid, signal) }
    }

    /// Waits for the child to end without holding a thread (polling, at most `seconds`) and returns its status.
    func waitForExit(within seconds: Double = 30) async throws -> Int32 {
        let deadline = Date().addingTimeInterval(seconds)
        while isRunning, Date() < deadline { try await Task.sleep(for: .milliseconds(10)) }
        guard let status = terminationStatus else { throw ProcessDidNotExit(seconds: seconds) }
        return status
    }
}
