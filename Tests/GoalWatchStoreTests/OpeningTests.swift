import Foundation
import GoalWatchCore
import GoalWatchStore
import GRDB
import Testing

@Suite("Opening a store")
struct OpeningTests {
    let directory: TemporaryDirectory
    let path: String

    init() throws {
        directory = try TemporaryDirectory()
        path = directory.path("history.sqlite")
    }

    private func migrations() throws -> [String] {
        try DatabaseQueue(path: path).read { db in
            try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier")
        }
    }

    @Test("reopening keeps the data and runs no migration twice")
    func reopeningRunsMigrationsOnce() throws {
        let followers = series("followers")
        try MetricStore(path: path).apply(batch([(followers, 1, 1)]), source: nil, lookback: nil, ledger: nil)
        let afterCreation = try migrations()

        let reopened = try MetricStore(path: path)
        let again = try MetricStore(path: path)

        #expect(!afterCreation.isEmpty)
        #expect(try migrations() == afterCreation)
        let stored = try #require(try reopened.onlySeries(named: "followers"))
        #expect(try again.allSamples(of: stored.id) == [Sample(1, 1)])
    }

    @Test("the file is in WAL mode")
    func fileIsInWALMode() throws {
        _ = try MetricStore(path: path)
        let mode = try DatabaseQueue(path: path).read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
    }

    @Test("a file written by a newer schema is refused, naming the file and the unknown migration")
    func newerSchemaIsRefused() throws {
        _ = try MetricStore(path: path)
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v9 from the future')")
        }

        let error = try #require(throws: StoreError.self) { try MetricStore(path: path) }
        #expect(error.path == path)
        #expect(error.description.contains(path))
        #expect(error.description.contains("newer GoalWatch"))
        #expect(error.description.contains("v9 from the future"))
    }

    @Test("a file that is not a database is refused, naming the file")
    func notADatabaseIsRefused() throws {
        try Data("date,followers\n2026-03-01,12040\n".utf8).write(to: URL(fileURLWithPath: path))

        let error = try #require(throws: StoreError.self) { try MetricStore(path: path) }
        #expect(error.description.hasPrefix(path))
    }

    @Test("a store in a missing directory is refused, naming the file")
    func missingDirectoryIsRefused() throws {
        let missing = directory.path("no/such/dir/history.sqlite")
        let error = try #require(throws: StoreError.self) { try MetricStore(path: missing) }
        #expect(error.description.hasPrefix(missing))
    }
}
