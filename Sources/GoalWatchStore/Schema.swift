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

        return migrator
    }()
}
