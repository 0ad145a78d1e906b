import Dispatch
import Glibc
import Synchronization

/// Works through files in order, preparing each (reading, hashing and decoding it) on another thread
/// while the one before it is stored.
///
/// Storing a file keeps one core busy in SQLite, and preparing the next one keeps another busy in the
/// decoders: a backlog of exports (`goalwatch ingest` of a year of daily files, or an inbox that filled
/// while the daemon was stopped) goes through on two cores instead of one.
public enum PreparedAhead {
    /// A file up to this size is prepared while the one before it is stored; a larger one waits its
    /// turn, so that at most one large file's samples are in memory at a time.
    public static let sizeLimit = 64 << 20

    /// Calls `body` with each of `paths` and what `prepare` made of it, in order. `prepare` runs for the
    /// next path on another thread while `body` runs, when that file is at most ``sizeLimit`` bytes;
    /// otherwise on this thread, once `body` has returned for the path before it.
    public static func forEach<Prepared: Sendable>(
        _ paths: [String], prepare: @escaping @Sendable (String) -> Prepared, _ body: (String, Prepared) -> Void
    ) {
        var ahead: Preparation<Prepared>?
        for (position, path) in paths.enumerated() {
            let current = ahead
            ahead = nil
            let next = position + 1
            if next < paths.count, isSmall(paths[next]) {
                let nextPath = paths[next]
                ahead = Preparation { prepare(nextPath) }
            }
            body(path, current?.value() ?? prepare(path))
        }
    }

    /// Whether the file at `path` is at most ``sizeLimit`` bytes (false when it cannot be read: its
    /// error then comes in order, on this thread).
    static func isSmall(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && status.st_size <= sizeLimit
    }
}

/// A value made on a thread of Dispatch's pool, to wait for.
private final class Preparation<Value: Sendable>: Sendable {
    private let made = Mutex<Value?>(nil)
    private let done = DispatchSemaphore(value: 0)

    init(_ make: @escaping @Sendable () -> Value) {
        DispatchQueue.global().async {
            let value = make()
            self.made.withLock { $0 = value }
            self.done.signal()
        }
    }

    /// Waits until the value is made.
    func value() -> Value {
        done.wait()
        return made.withLock { $0! }
    }
}
