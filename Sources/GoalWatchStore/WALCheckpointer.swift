import Dispatch
internal import GRDB
internal import GRDBSQLite
import Synchronization

/// Copies the write-ahead log into the database file on a thread of its own, once writing has paused,
/// so that a commit does not wait for it.
///
/// By SQLite's default the connection that commits runs the checkpoint once the log holds 1,000 pages:
/// the write that crosses the mark pays for copying those pages into the file and syncing both
/// (`synchronous=FULL`). After a burst (an evaluation recording 10,000 alerts, then flushing their
/// notifications and removing them as they are delivered) that was a pause of tens of milliseconds
/// every few commits, and the copying took a core from the burst itself (such a burst logs 30–60 MiB).
/// Here the writer's commit hook only looks at the log's size:
/// - past ``Limits/threshold`` pages a passive checkpoint runs on the checkpointer's own connection once no
///   commit came for ``Limits/quietPeriod``;
/// - past ``Limits/busyBound`` pages it runs without waiting for a pause (at the latest when the wait for one,
///   if already begun, ends), beside the writer and the readers;
/// - a commit that still finds ``Limits/backstop`` pages in the log (a long read kept the checkpoints from
///   finishing) checkpoints itself, as SQLite would, so the log stays bounded.
final class WALCheckpointer: Sendable {
    /// When checkpoints run: sizes of the log in 4 KiB pages, and the pause.
    struct Limits: Sendable {
        /// From this size a checkpoint runs once writing pauses: SQLite's own default.
        var threshold: Int32 = 1_000
        /// From this size (64 MiB) a checkpoint runs without waiting for a pause.
        var busyBound: Int32 = 16_384
        /// From this size (128 MiB) the writer checkpoints itself.
        var backstop: Int32 = 32_768
        /// How long no commit must come before a checkpoint runs (below ``busyBound``).
        var quietPeriod = DispatchTimeInterval.milliseconds(100)
    }

    let limits: Limits
    private let path: String
    private let queue = DispatchQueue(label: "goalwatch.store.checkpoint", qos: .utility)
    private let state = Mutex(State())

    private struct State: ~Copyable {
        /// Whether a checkpoint is waiting to run on the queue.
        var requested = false
        /// When the last commit that asked for a checkpoint came.
        var lastCommit = DispatchTime.now()
        /// Whether a commit found the log past ``Limits/busyBound`` since the last checkpoint began.
        var urgent = false
        /// The connection checkpoints run on, opened at the first.
        var connection: DatabaseQueue?
        var closed = false
        /// How many checkpoints ran to the end of the log.
        var completed = 0
    }

    /// A checkpointer for the database at `path`; nothing happens until ``watch(_:)``.
    init(path: String, limits: Limits = Limits()) {
        self.path = path
        self.limits = limits
    }

    /// Has commits on `db` (the store's writer) ask for checkpoints. It replaces SQLite's automatic
    /// checkpoint on that connection.
    ///
    /// The hook holds the checkpointer unretained: whoever owns `db` keeps the checkpointer alive as long.
    func watch(_ db: Database) {
        let context = Unmanaged.passUnretained(self).toOpaque()
        sqlite3_wal_hook(db.sqliteConnection, { context, connection, _, pages in
            guard let context else { return SQLITE_OK }
            let checkpointer = Unmanaged<WALCheckpointer>.fromOpaque(context).takeUnretainedValue()
            let limits = checkpointer.limits
            if pages >= limits.backstop {
                sqlite3_wal_checkpoint_v2(connection, nil, SQLITE_CHECKPOINT_PASSIVE, nil, nil)
            } else if pages >= limits.threshold {
                checkpointer.request(urgent: pages >= limits.busyBound)
            }
            return SQLITE_OK
        }, context)
    }

    /// How many checkpoints copied the whole log into the file.
    var completedCheckpoints: Int {
        state.withLock { $0.completed }
    }

    /// Schedules a checkpoint, unless one is waiting to run already: one run catches up with every
    /// commit before it.
    private func request(urgent: Bool) {
        let schedule = state.withLock { state in
            state.lastCommit = .now()
            state.urgent = state.urgent || urgent
            guard !state.requested, !state.closed else { return false }
            state.requested = true
            return true
        }
        guard schedule else { return }
        if urgent {
            queue.async { self.checkpointWhenQuiet() }
        } else {
            queue.asyncAfter(deadline: .now() + limits.quietPeriod) { self.checkpointWhenQuiet() }
        }
    }

    /// Checkpoints, unless a commit came within the quiet period and the log is not past ``Limits/busyBound``:
    /// then it looks again when the period will have passed since that commit.
    private func checkpointWhenQuiet() {
        let wait: DispatchTime? = state.withLock { state in
            let quietSince = state.lastCommit + limits.quietPeriod
            guard !state.urgent, !state.closed, quietSince > .now() else {
                // Commits from now on ask again, for a run after this one.
                state.requested = false
                state.urgent = false
                return nil
            }
            return quietSince
        }
        if let wait {
            queue.asyncAfter(deadline: wait) { self.checkpointWhenQuiet() }
        } else {
            checkpoint()
        }
    }

    private func checkpoint() {
        let connection: DatabaseQueue? = state.withLock { state in
            guard !state.closed else { return nil }
            if state.connection == nil { state.connection = try? DatabaseQueue(path: path) }
            return state.connection
        }
        guard let connection else { return }
        do {
            // PASSIVE never waits for the writer or a reader: it copies what it can, and the next run
            // copies the rest. The writer starts the log over once all of it was copied.
            let (logged, copied) = try connection.writeWithoutTransaction { db in try db.checkpoint(.passive) }
            if logged >= 0, copied == logged { state.withLock { $0.completed += 1 } }
        } catch {
            // Busy or failing: the next request tries again, and the writer's backstop keeps the log
            // bounded meanwhile.
            state.withLock { $0.connection = nil }
        }
    }

    /// Lets a checkpoint under way end, then closes the connection; later requests are ignored.
    func close() {
        state.withLock { $0.closed = true }
        queue.sync {}
        let connection = state.withLock { state in
            defer { state.connection = nil }
            return state.connection
        }
        try? connection?.close()
    }
}
