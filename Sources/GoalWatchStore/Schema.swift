internal import GRDB

/// The store's schema, as named, append-only migrations.
///
/// Never edit or reorder a registered migration: files in the field have already run it. Add a new
/// one instead; a file written by a newer release is refused rather than misread (see
/// ``MetricStore/init(path:)``).
enum Schema {
    static let migrator: DatabaseMigrator = {
        var migrator = DatabaseMigrator()

        migrator.registerMigration("v1 series and samples") { db in
            // `labels` is the canonical encoding of the full label set (see `LabelsEncoding`), so
            // UNIQUE on it is exactly "one row per series". `name` duplicates `__name__` for lookups.
            try db.execute(sql: """
                CREATE TABLE series (
                    id INTEGER PRIMARY KEY,
                    name TEXT NOT NULL,
                    labels TEXT NOT NULL UNIQUE,
                    source TEXT,
                    lookback_ms INTEGER CHECK (lookback_ms >= 0)
                );
                CREATE INDEX series_by_name ON series(name);
                """)
            // WITHOUT ROWID: the primary key is the storage order, so a series' samples are
            // contiguous and a range read is one seek plus a sequential scan. REAL affinity lets
            // SQLite store integral values (most counts) in fewer bytes.
            //
            // No REFERENCES series(id): SQLite checks a foreign key with a parent lookup for every
            // inserted row, about 40 % of the CPU of a bulk load. Every series_id comes from the
            // series table in the same transaction (see `ResolvedSeries`), and retention deletes
            // only series left without samples, so a sample cannot outlive its series.
            try db.execute(sql: """
                CREATE TABLE samples (
                    series_id INTEGER NOT NULL,
                    ts INTEGER NOT NULL,
                    value REAL NOT NULL,
                    PRIMARY KEY (series_id, ts)
                ) WITHOUT ROWID;
                """)
        }

        migrator.registerMigration("v1 ingest ledger") { db in
            // A file is keyed by path, size, mtime and content hash (DESIGN §4): recording the same
            // key again replaces the row instead of adding one.
            try db.execute(sql: """
                CREATE TABLE ingest_ledger (
                    id INTEGER PRIMARY KEY,
                    path TEXT NOT NULL,
                    size INTEGER NOT NULL CHECK (size >= 0),
                    modified_ns INTEGER NOT NULL,
                    content_hash TEXT NOT NULL
                        CHECK (length(content_hash) = 64 AND content_hash NOT GLOB '*[^0-9a-f]*'),
                    source TEXT,
                    ingested_at_ms INTEGER NOT NULL,
                    samples INTEGER NOT NULL CHECK (samples >= 0),
                    UNIQUE (path, size, modified_ns, content_hash)
                );
                CREATE INDEX ingest_ledger_by_content_hash ON ingest_ledger(content_hash);
                """)
        }

        migrator.registerMigration("v1 quarantine") { db in
            try db.execute(sql: """
                CREATE TABLE quarantine (
                    id INTEGER PRIMARY KEY,
                    path TEXT NOT NULL,
                    reason TEXT NOT NULL,
                    at_ms INTEGER NOT NULL
                );
                """)
        }

        migrator.registerMigration("v2 alerting") { db in
            // The rule engine's pending and firing alerts, so a restart neither re-fires nor forgets
            // a `for` timer. `key` names the rule or goal and the label set; `body` is JSON.
            try db.execute(sql: """
                CREATE TABLE alert_state (
                    key TEXT PRIMARY KEY,
                    body TEXT NOT NULL
                ) WITHOUT ROWID;
                """)
            // The router's alerts (firing, and resolved until every group has told its receiver),
            // by fingerprint. Written in the same transaction as the transition that changed them.
            try db.execute(sql: """
                CREATE TABLE router_alert (
                    fingerprint TEXT PRIMARY KEY,
                    body TEXT NOT NULL,
                    resolved_at_ms INTEGER
                ) WITHOUT ROWID;
                """)
            // What each aggregation group last told each receiver (Alertmanager's notification log):
            // the fingerprints notified as firing and as resolved, and when.
            try db.execute(sql: """
                CREATE TABLE notification_log (
                    group_key TEXT NOT NULL,
                    receiver TEXT NOT NULL,
                    firing TEXT NOT NULL,
                    resolved TEXT NOT NULL,
                    notified_at_ms INTEGER NOT NULL,
                    PRIMARY KEY (group_key, receiver)
                ) WITHOUT ROWID;
                """)
            // Notifications not yet delivered; a row is written before the first attempt and
            // deleted when delivered or moved to dead_letter.
            try db.execute(sql: """
                CREATE TABLE outbox (
                    id TEXT PRIMARY KEY,
                    receiver TEXT NOT NULL,
                    fallback_receiver TEXT,
                    body TEXT NOT NULL,
                    created_at_ms INTEGER NOT NULL,
                    next_attempt_at_ms INTEGER NOT NULL,
                    attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
                    last_error TEXT
                );
                CREATE INDEX outbox_due ON outbox(receiver, next_attempt_at_ms);
                CREATE TABLE dead_letter (
                    id TEXT PRIMARY KEY,
                    receiver TEXT NOT NULL,
                    body TEXT NOT NULL,
                    created_at_ms INTEGER NOT NULL,
                    dead_at_ms INTEGER NOT NULL,
                    attempts INTEGER NOT NULL,
                    last_error TEXT NOT NULL
                );
                """)
            try db.execute(sql: """
                CREATE TABLE silence (
                    id TEXT PRIMARY KEY,
                    body TEXT NOT NULL,
                    ends_at_ms INTEGER NOT NULL
                );
                """)
        }

        migrator.registerMigration("v3 outbox due order") { db in
            // The worker reads due entries in (next_attempt_at_ms, created_at_ms) order. With only
            // next_attempt_at_ms in the index, a burst of entries due at the same instant had to be
            // read and sorted whole for every batch; with both, a batch is a range read of the index.
            try db.execute(sql: """
                DROP INDEX outbox_due;
                CREATE INDEX outbox_due ON outbox(receiver, next_attempt_at_ms, created_at_ms);
                """)
        }

        migrator.registerMigration("v4 sample changes") { db in
            // One row per series and snapshot that wrote samples, with the span written: what a reader
            // that keeps history in memory (the daemon) must read again. Pruned to the newest rows; a
            // reader whose cursor is older than the oldest row left loads everything again.
            try db.execute(sql: """
                CREATE TABLE sample_change (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    series_id INTEGER NOT NULL,
                    first_ms INTEGER NOT NULL,
                    last_ms INTEGER NOT NULL
                );
                """)
        }

        migrator.registerMigration("v5 samples by day") { db in
            // Samples clustered by (day, series, time) instead of (series, time). A snapshot adds the
            // newest hours of every series; clustered by series, that touched one page per series
            // (30,000 pages for the reference workload's daily export), clustered by day it appends
            // to the end of the table. `day` is the UTC day of `ts` (floor of ts / 86,400,000 ms).
            // A series' range is one seek per day: `sample_day` lists the days that hold samples, so
            // a read with an open start seeks only those. `series.last_ms` is the newest sample of
            // each series, which retention compares with its cutoff to find the series it emptied.
            // Sorting every sample into the new order spills to temporary files rather than memory
            // (the store's connections keep temporary tables in memory otherwise): a store of 65 M
            // samples would need 4 GB of memory, and needs about 1.5 GB of temporary disk space instead.
            try db.execute(sql: "PRAGMA temp_store = FILE")
            defer { try? db.execute(sql: "PRAGMA temp_store = MEMORY") }
            try db.execute(sql: """
                CREATE TABLE sample_by_day (
                    day INTEGER NOT NULL,
                    series_id INTEGER NOT NULL,
                    ts INTEGER NOT NULL,
                    value REAL NOT NULL,
                    PRIMARY KEY (day, series_id, ts)
                ) WITHOUT ROWID;
                INSERT INTO sample_by_day (day, series_id, ts, value)
                    SELECT \(Schema.dayOfTimestamp("ts")), series_id, ts, value FROM samples ORDER BY 1, 2, 3;
                CREATE TABLE sample_day (day INTEGER PRIMARY KEY);
                INSERT INTO sample_day (day) SELECT DISTINCT day FROM sample_by_day ORDER BY day;
                ALTER TABLE series ADD COLUMN last_ms INTEGER;
                UPDATE series SET last_ms = (SELECT max(ts) FROM samples WHERE series_id = series.id);
                DROP TABLE samples;
                ALTER TABLE sample_by_day RENAME TO samples;
                """)
        }

        migrator.registerMigration("v6 sample change sequence") { db in
            // `seq` without AUTOINCREMENT: its bookkeeping (a read and a write of sqlite_sequence per
            // row) was a third of the cost of recording a change, and a snapshot records one per
            // series. The sequence still only grows: pruning keeps the newest rows, so the largest
            // `seq`, from which SQLite numbers the next row, is never deleted.
            try db.execute(sql: """
                CREATE TABLE sample_change_by_seq (
                    seq INTEGER PRIMARY KEY,
                    series_id INTEGER NOT NULL,
                    first_ms INTEGER NOT NULL,
                    last_ms INTEGER NOT NULL
                );
                INSERT INTO sample_change_by_seq (seq, series_id, first_ms, last_ms)
                    SELECT seq, series_id, first_ms, last_ms FROM sample_change ORDER BY seq;
                DROP TABLE sample_change;
                ALTER TABLE sample_change_by_seq RENAME TO sample_change;
                """)
        }

        return migrator
    }()

    /// SQL for the UTC day of the millisecond timestamp `column`: the floor of column / 86,400,000,
    /// also for times before 1970 (SQLite's `/` truncates toward zero), without overflow at the ends of
    /// the 64-bit range.
    static func dayOfTimestamp(_ column: String) -> String {
        "(CASE WHEN \(column) >= 0 THEN \(column) / 86400000 ELSE -((-(\(column) + 1)) / 86400000) - 1 END)"
    }
}
