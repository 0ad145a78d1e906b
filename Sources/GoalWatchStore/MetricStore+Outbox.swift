internal import GRDB
import GoalWatchCore

extension MetricStore {
    /// Puts `entry` in the outbox (durably, before any attempt is made).
    public func enqueue(_ entry: OutboxEntry) throws {
        try perform("cannot put notification \(entry.id) in the outbox") {
            try pool.write { db in try insert(entry, db) }
        }
    }

    func insert(_ entry: OutboxEntry, _ db: Database) throws {
        // Cached: a flush inserts one row per notification, and compiling the statement each time
        // cost as much as the insert.
        let statement = try db.cachedStatement(sql: """
            INSERT INTO outbox (id, receiver, fallback_receiver, body, created_at_ms, next_attempt_at_ms, attempts, last_error)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        try statement.run(
            .text(entry.id), .text(entry.receiver), .text(orNull: entry.fallbackReceiver), .text(entry.body),
            .integer(entry.createdAt.milliseconds), .integer(entry.nextAttemptAt.milliseconds), .integer(Int64(entry.attempts)),
            .text(orNull: entry.lastError))
    }

    /// The outbox entries of `receiver` due at `instant` (earliest first), at most `limit`, leaving out `excluded` ids
    /// (those being attempted right now).
    public func dueOutboxEntries(receiver: String, at instant: Timestamp, limit: Int, excluding excluded: Set<String> = [])
        throws -> [OutboxEntry]
    {
        try perform("cannot read the outbox") {
            try pool.read { db in
                var entries: [OutboxEntry] = []
                guard limit > 0 else { return entries }
                // Read raw, the id first: during a burst most due entries are excluded (in flight), and
                // only the others are worth decoding.
                let statement = try db.cachedStatement(sql: """
                    SELECT id, receiver, fallback_receiver, body, created_at_ms, next_attempt_at_ms, attempts, last_error FROM outbox
                    WHERE receiver = ? AND next_attempt_at_ms <= ? ORDER BY next_attempt_at_ms, created_at_ms
                    """)
                try statement.forEachRow(.text(receiver), .integer(instant.milliseconds)) { row in
                    let id = RawColumn.text(row, 0)
                    guard !excluded.contains(id) else { return true }
                    entries.append(OutboxEntry(
                        id: id, receiver: RawColumn.text(row, 1), fallbackReceiver: RawColumn.optionalText(row, 2),
                        body: RawColumn.text(row, 3), createdAt: Timestamp(milliseconds: RawColumn.int64(row, 4)),
                        nextAttemptAt: Timestamp(milliseconds: RawColumn.int64(row, 5)), attempts: Int(RawColumn.int64(row, 6)),
                        lastError: RawColumn.optionalText(row, 7)))
                    return entries.count < limit
                }
                return entries
            }
        }
    }

    /// Every outbox entry, oldest first.
    public func outboxEntries() throws -> [OutboxEntry] {
        try perform("cannot read the outbox") {
            try pool.read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM outbox ORDER BY created_at_ms, id").map(Self.outboxEntry)
            }
        }
    }

    /// The outbox entry with `id`, if it is still there.
    public func outboxEntry(id: String) throws -> OutboxEntry? {
        try perform("cannot read the outbox") {
            try pool.read { db in
                try Row.fetchOne(db, sql: "SELECT * FROM outbox WHERE id = ?", arguments: [id]).map(Self.outboxEntry)
            }
        }
    }

    /// How many notifications wait in the outbox.
    public func outboxDepth() throws -> Int {
        try perform("cannot read the outbox") {
            try pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM outbox") ?? 0 }
        }
    }

    /// The earliest next attempt of any entry of `receiver`, or `nil` when it has none.
    ///
    /// - Parameter instant: when given, only attempts later than it count (the entries due by then are
    ///   being dealt with already).
    public func nextOutboxAttempt(receiver: String, after instant: Timestamp? = nil) throws -> Timestamp? {
        try perform("cannot read the outbox") {
            try pool.read { db in
                try Int64.fetchOne(
                    db, sql: "SELECT min(next_attempt_at_ms) FROM outbox WHERE receiver = ? AND next_attempt_at_ms > ?",
                    arguments: [receiver, instant?.milliseconds ?? Int64.min]
                ).map(Timestamp.init(milliseconds:))
            }
        }
    }

    /// Removes a delivered notification from the outbox.
    public func markDelivered(id: String) throws {
        try markDelivered(ids: [id])
    }

    /// Removes delivered notifications from the outbox, all in one transaction (one write to disk for
    /// the lot): afterwards either all of them are gone or none. Ids no longer in the outbox are ignored.
    public func markDelivered(ids: some Collection<String>) throws {
        guard !ids.isEmpty else { return }
        try perform("cannot remove \(ids.count) delivered notification\(ids.count == 1 ? "" : "s") from the outbox") {
            try pool.write { db in
                let statement = try db.cachedStatement(sql: "DELETE FROM outbox WHERE id = ?")
                for id in ids { try statement.run(.text(id)) }
            }
        }
    }

    /// Records a failed attempt: the attempt count, why, and when to try next.
    public func recordFailedAttempt(id: String, attempts: Int, error: String, nextAttemptAt: Timestamp) throws {
        try perform("cannot record a failed attempt of notification \(id)") {
            try pool.write { db in
                try db.execute(
                    sql: "UPDATE outbox SET attempts = ?, last_error = ?, next_attempt_at_ms = ? WHERE id = ?",
                    arguments: [attempts, error, nextAttemptAt.milliseconds, id])
            }
        }
    }

    /// Moves the notification `id` from the outbox to the dead letters and, in the same transaction, puts
    /// `notice` (a message to the fallback receiver) in the outbox.
    public func deadLetter(id: String, attempts: Int, error: String, at instant: Timestamp, notice: OutboxEntry? = nil) throws {
        try perform("cannot move notification \(id) to the dead letters") {
            try pool.write { db in
                try db.execute(
                    sql: """
                        INSERT OR REPLACE INTO dead_letter (id, receiver, body, created_at_ms, dead_at_ms, attempts, last_error)
                        SELECT id, receiver, body, created_at_ms, ?, ?, ? FROM outbox WHERE id = ?
                        """,
                    arguments: [instant.milliseconds, attempts, error, id])
                try db.execute(sql: "DELETE FROM outbox WHERE id = ?", arguments: [id])
                if let notice { try insert(notice, db) }
            }
        }
    }

    /// Every dead letter, oldest first.
    public func deadLetters() throws -> [DeadLetter] {
        try perform("cannot read the dead letters") {
            try pool.read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM dead_letter ORDER BY dead_at_ms, id").map { row in
                    DeadLetter(
                        id: row["id"], receiver: row["receiver"], body: row["body"],
                        createdAt: Timestamp(milliseconds: row["created_at_ms"]),
                        deadAt: Timestamp(milliseconds: row["dead_at_ms"]), attempts: row["attempts"],
                        lastError: row["last_error"])
                }
            }
        }
    }

    static func outboxEntry(_ row: Row) -> OutboxEntry {
        OutboxEntry(
            id: row["id"], receiver: row["receiver"], fallbackReceiver: row["fallback_receiver"], body: row["body"],
            createdAt: Timestamp(milliseconds: row["created_at_ms"]),
            nextAttemptAt: Timestamp(milliseconds: row["next_attempt_at_ms"]), attempts: row["attempts"],
            lastError: row["last_error"])
    }
}
