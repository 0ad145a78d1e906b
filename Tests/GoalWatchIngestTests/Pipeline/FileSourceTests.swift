import Foundation
import GoalWatchCore
import GoalWatchStore
import Synchronization
import Testing
@testable import GoalWatchIngest

@Suite("File sources")
struct FileSourceTests {
    let now = Timestamp(rfc3339: "2026-03-02T00:00:00Z")!
    let csv = CSVOptions(timestamp: TimestampColumn(column: "Date", format: .pattern("yyyy-MM-dd")), labels: ["Network": "network"], metrics: ["Followers": "followers"])

    func source(in folder: TemporaryStoreFolder, afterRead: AfterRead = .keep, settle: TimeSpan = .seconds(0)) -> FileSource {
        FileSource(
            pattern: folder.path + "/inbox/*.csv", every: .minutes(5), afterRead: afterRead,
            settings: IngestSettings(sourceName: "export", format: .csv, csv: csv, constantLabels: ["account": "acme"]),
            settleTime: settle
        )
    }

    func followers(_ store: MetricStore) throws -> [Sample] {
        let series = try #require(try store.series(named: "followers").first)
        return try store.samples(of: series.id, after: Timestamp(milliseconds: 0), through: now)
    }

    @Test("new files are ingested in name order; a rescan reads nothing twice")
    func ingestsOnce() throws {
        let folder = try TemporaryStoreFolder()
        let store = try MetricStore(path: folder.path + "/store.sqlite")
        try folder.write("inbox/2026-03-01.csv", "Date,Network,Followers\n2026-03-01,instagram,100\n")
        try folder.write("inbox/2026-03-02.csv", "Date,Network,Followers\n2026-03-01,instagram,101\n")
        let source = source(in: folder)
        let ingester = SnapshotIngester(store: store)
        let first = source.scan(into: ingester, quarantine: nil, now: now)
        #expect(first.map(\.outcome) == [.ingested(samples: 1, series: 1), .ingested(samples: 1, series: 1)])
        // Both files hold 2026-03-01: the later file (by name) wins.
        #expect(try followers(store).map(\.value) == [101])
        let second = source.scan(into: ingester, quarantine: nil, now: now)
        #expect(second.allSatisfy { if case .unchanged = $0.outcome { true } else { false } })
    }

    @Test("a changed file is ingested again and its samples replace the old ones")
    func changedFileIsReingested() throws {
        let folder = try TemporaryStoreFolder()
        let store = try MetricStore(path: folder.path + "/store.sqlite")
        let path = try folder.write("inbox/today.csv", "Date,Network,Followers\n2026-03-01,instagram,100\n")
        let source = source(in: folder)
        let ingester = SnapshotIngester(store: store)
        _ = source.scan(into: ingester, quarantine: nil, now: now)
        try Data("Date,Network,Followers\n2026-03-01,instagram,150\n".utf8).write(to: URL(fileURLWithPath: path))
        // Give the rewrite a distinct modification time even on coarse-grained file systems.
        var times = [timespec(tv_sec: 1_772_000_000, tv_nsec: 0), timespec(tv_sec: 1_772_000_000, tv_nsec: 0)]
        utimensat(AT_FDCWD, path, &times, 0)
        let outcome = source.scan(into: ingester, quarantine: nil, now: now).first?.outcome
        #expect(outcome == .ingested(samples: 1, series: 1))
        #expect(try followers(store).map(\.value) == [150])
    }

    @Test("a refused file goes to the quarantine with an .error file naming its line, and nothing is stored")
    func refusedFileIsQuarantined() throws {
        let folder = try TemporaryStoreFolder()
        let store = try MetricStore(path: folder.path + "/store.sqlite")
        let path = try folder.write("inbox/bad.csv", "Date,Network,Followers\n2026-03-01,instagram,100\n2026-03-02,instagram,lots\n")
        let quarantine = Quarantine(directory: folder.path + "/quarantine")
        let outcome = source(in: folder).scan(into: SnapshotIngester(store: store), quarantine: quarantine, now: now).first?.outcome
        guard case .refused(let error, let destination?) = outcome else {
            Issue.record("expected a quarantined refusal, got \(String(describing: outcome))")
            return
        }
        #expect(error.location?.line == 3)
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(FileManager.default.fileExists(atPath: destination))
        let reason = try String(contentsOfFile: destination + ".error", encoding: .utf8)
        #expect(reason.hasPrefix("\(path):3"))
        #expect(reason.contains("lots"))
        #expect(try store.series(named: nil).isEmpty)
        #expect(try store.quarantineRecords().count == 1)
    }

    @Test("after_read moves or deletes an ingested file", arguments: [true, false])
    func afterRead(move: Bool) throws {
        let folder = try TemporaryStoreFolder()
        let store = try MetricStore(path: folder.path + "/store.sqlite")
        let path = try folder.write("inbox/a.csv", "Date,Network,Followers\n2026-03-01,instagram,100\n")
        let action: AfterRead = move ? .move(to: folder.path + "/done") : .delete
        _ = source(in: folder, afterRead: action).scan(into: SnapshotIngester(store: store), quarantine: nil, now: now)
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(FileManager.default.fileExists(atPath: folder.path + "/done/a.csv") == move)
        #expect(try followers(store).count == 1)
    }

    @Test("a file still being written is left until it settles")
    func settling() throws {
        let folder = try TemporaryStoreFolder()
        let store = try MetricStore(path: folder.path + "/store.sqlite")
        try folder.write("inbox/a.csv", "Date,Network,Followers\n2026-03-01,instagram,100\n")
        let wallClock = Timestamp(unixSeconds: Date().timeIntervalSince1970)
        let outcome = source(in: folder, settle: .minutes(1)).scan(into: SnapshotIngester(store: store), quarantine: nil, now: wallClock)
        #expect(outcome.first?.outcome == .settling)
        #expect(try store.series(named: nil).isEmpty)
    }

    @Test("running, a file dropped into the folder is ingested without waiting for the next poll")
    func reactsToNewFiles() async throws {
        let folder = try TemporaryStoreFolder()
        let store = try MetricStore(path: folder.path + "/store.sqlite")
        // A first file, so that the store shows when the initial scan has run.
        try folder.write("inbox/0.csv", "Date,Network,Followers\n2026-03-01,sentinel,1\n")
        // Polling every hour: only the folder watch can make the second file appear within the deadline.
        let source = FileSource(
            pattern: folder.path + "/inbox/*.csv", every: .hours(1),
            settings: IngestSettings(sourceName: "export", format: .csv, csv: csv), settleTime: .seconds(0)
        )
        let fixedNow = now
        let task = Task {
            await source.run(into: SnapshotIngester(store: store), quarantine: nil, now: { fixedNow }, report: { _, _ in })
        }
        defer { task.cancel() }
        try await pollUntil { ((try? store.series(named: "followers")) ?? []).count == 1 }
        // Drop the file the way exporters do: write elsewhere, then rename into the folder.
        let staging = try folder.write("staging.csv", "Date,Network,Followers\n2026-03-01,instagram,100\n")
        rename(staging, folder.path + "/inbox/a.csv")
        try await pollUntil { ((try? store.series(named: "followers")) ?? []).count == 2 }
    }

    @Test("running, a file renamed into the folder is read at once, a file written in place waits to settle")
    func renamedFilesNeedNoSettling() async throws {
        let folder = try TemporaryStoreFolder()
        let store = try MetricStore(path: folder.path + "/store.sqlite")
        // Settling takes an hour, polling too: only a rename can make a file count within the deadline.
        let source = FileSource(
            pattern: folder.path + "/inbox/*.csv", every: .hours(1),
            settings: IngestSettings(sourceName: "export", format: .csv, csv: csv), settleTime: .hours(1)
        )
        // A first file from two hours ago, read by the first scan: once it is reported, the folder is watched.
        let sentinel = try folder.write("inbox/0.csv", "Date,Network,Followers\n2026-03-01,sentinel,1\n")
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -7200)], ofItemAtPath: sentinel)
        let reports = ReportLog()
        let task = Task {
            await source.run(
                into: SnapshotIngester(store: store), quarantine: nil, now: { Timestamp(unixSeconds: Date().timeIntervalSince1970) },
                report: { path, _ in reports.append(path) })
        }
        defer { task.cancel() }
        try await pollUntil { reports.paths.contains(sentinel) }
        try folder.write("inbox/in-place.csv", "Date,Network,Followers\n2026-03-01,facebook,7\n")
        let staging = try folder.write("staging.csv", "Date,Network,Followers\n2026-03-01,instagram,100\n")
        rename(staging, folder.path + "/inbox/renamed.csv")
        try await pollUntil { reports.paths.contains(folder.path + "/inbox/renamed.csv") }
        let networks = try store.series(named: "followers").compactMap { $0.labels["network"] }
        #expect(networks.sorted() == ["instagram", "sentinel"], "the file written in place is still settling")
    }
}

/// The paths a running source reported, in order.
final class ReportLog: Sendable {
    private let state = Mutex<[String]>([])

    func append(_ path: String) { state.withLock { $0.append(path) } }

    var paths: [String] { state.withLock { $0 } }
}

/// Polls `condition` until it holds, failing the test after `seconds`.
func pollUntil(seconds: Double = 30, _ condition: () -> Bool) async throws {
    let deadline = Date().addingTimeInterval(seconds)
    while !condition() {
        guard Date() < deadline else {
            Issue.record("condition not met within \(seconds) s")
            return
        }
        try await Task.sleep(for: .milliseconds(5))
    }
}
