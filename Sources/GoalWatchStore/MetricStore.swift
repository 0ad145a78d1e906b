internal import GRDB
import GoalWatchCore

/// GoalWatch's history store: series, their samples, the ingest ledger and the quarantine list,
/// in one SQLite file.
///
/// The file is opened as a pool in WAL mode: any number of readers see consistent snapshots while
/// one writer applies a snapshot, and no reader blocks the writer. Every method is synchronous and
/// may block on disk I/O (and briefly on another process holding the write lock); call it off
/// latency-sensitive loops. Every error thrown is a ``StoreError`` naming the file.
public final class MetricStore: Sendable {
    /// The database file.
    public let path: String
    let pool: DatabasePool
    /// Copies the log into the file off the writer's commits (see ``WALCheckpointer``).
    let checkpointer: WALCheckpointer

    /// Opens the store at `path`, creating the file and bringing its schema up to date as needed.
    ///
    /// Durability: `synchronous=FULL` in WAL mode, so a snapshot that ``apply(_:source:lookback:ledger:)``
    /// accepted survives a power loss, not only a crash. Foreign-key enforcement is on (`samples`
    /// deliberately declares none; see `Schema`). Another process holding the write lock is waited
    /// for, up to 10 seconds.
    ///
    /// - Throws: ``StoreError`` when the file cannot be opened or migrated, or was written by a
    ///   newer GoalWatch (its schema has migrations this release does not know); the file is then
    ///   left untouched.
    public convenience init(path: String) throws {
        try self.init(path: path, checkpoints: WALCheckpointer.Limits())
    }

    /// Opens the store at `path`, with checkpoints run as `checkpoints` say.
    init(path: String, checkpoints: WALCheckpointer.Limits) throws {
        self.path = path
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(10)
        let checkpointer = WALCheckpointer(path: path, limits: checkpoints)
        self.checkpointer = checkpointer
        configuration.prepareDatabase { db in
            // SQLite's default page cache (2 MB) is deliberate: samples are written in key order,
            // so a snapshot of the newest hours only touches the right edge of the B-tree, and
            // bigger caches measured slower while costing resident memory. After a checkpoint the WAL shrinks back to
            // 64 MiB instead of keeping the size of the largest snapshot ever applied.
            try db.execute(sql: """
                PRAGMA synchronous = FULL;
                PRAGMA temp_store = MEMORY;
                PRAGMA journal_size_limit = 67108864;
                """)
            // The pool keeps this closure, and with it the checkpointer, as long as its connections.
            if !db.configuration.readonly { checkpointer.watch(db) }
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw StoreError(path: path, message: "cannot open the history store", underlying: error)
        }
        try migrate()
    }

    private func migrate() throws {
        let migrator = Schema.migrator
        let unknown = try perform("cannot read the schema version") {
            try pool.read { db in
                try migrator.appliedIdentifiers(db).subtracting(migrator.migrations).sorted()
            }
        }
        guard unknown.isEmpty else {
            let list = unknown.map { "\"\($0)\"" }.joined(separator: ", ")
            throw StoreError(
                path: path,
                message: "the history store was written by a newer GoalWatch (unknown schema migrations "
                    + "\(list)); upgrade GoalWatch or point it at another file")
        }
        try perform("cannot migrate the schema") { try migrator.migrate(pool) }
    }

    /// Copies the write-ahead log into the file and closes the store's connections, once the reads
    /// and the write under way have ended; when no other process has the file open, the log and its
    /// index file are removed, so that the file alone is the whole store. Any later use throws.
    ///
    /// - Throws: ``StoreError`` when a connection is still in use; the store stays usable then, and
    ///   what the log holds is replayed by the next open.
    public func close() throws {
        try perform("cannot close the store") {
            checkpointer.close()
            try pool.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
            try pool.close()
            // The pool closes its writer before its read-only readers, and SQLite removes the log only
            // when the last connection to close can write: one more connection, opened and closed
            // alone, is that last one.
            try DatabaseQueue(path: path).close()
        }
    }

    /// Runs `body`, turning any error it throws into a ``StoreError`` that names the file and `action`.
    func perform<T>(_ action: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(path: path, message: action, underlying: error)
        }
    }
}
