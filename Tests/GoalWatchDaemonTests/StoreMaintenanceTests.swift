import Foundation
import GoalWatchCore
@testable import GoalWatchDaemon
import GoalWatchStore
import Logging
import ServiceLifecycle
import Testing

/// The store kept to its retention: what one pass deletes, and the running daemon pruning on its own.
@Suite struct StoreMaintenanceTests {
    private static let day: Int64 = 86_400_000

    @Test func aPassDeletesSamplesPastTheRetentionAndSilencesEndedFiveDaysAgo() throws {
        let folder = try Self.folder("pass")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = try MetricStore(path: folder + "/goalwatch.sqlite")
        let now = Timestamp(milliseconds: 20_000 * Self.day)
        let gone = Labels(["__name__": "followers", "account": "gone"])
        let kept = Labels(["__name__": "followers", "account": "kept"])
        var samples = SampleBatch()
        samples.append(gone, timestamp: (now - .days(31)).milliseconds, value: 1)
        samples.append(kept, timestamp: (now - .days(31)).milliseconds, value: 2)
        samples.append(kept, timestamp: (now - .days(29)).milliseconds, value: 3)
        try store.apply(samples, source: nil, lookback: nil, ledger: nil)
        for (id, ended) in [("six-days", now - .days(6)), ("four-days", now - .days(4)), ("tomorrow", now + .days(1))] {
            try store.save(SilenceRecord(id: id, body: "{}", endsAt: ended))
        }

        let outcome = try StoreMaintenance(store: store).pass(retention: .days(30), at: now)

        #expect(outcome == StoreMaintenance.Outcome(history: RetentionOutcome(samples: 2, series: 1), silences: 1))
        #expect(try store.series(named: nil).map(\.labels) == [kept])
        let id = try #require(try store.series(named: nil).first?.id)
        #expect(try store.samples(of: id, after: .init(milliseconds: .min), through: now) == [Sample(timestamp: now - .days(29), value: 3)])
        #expect(try Set(store.silences().map(\.id)) == ["four-days", "tomorrow"])
        #expect(try !StoreMaintenance(store: store).pass(retention: .days(30), at: now).deletedAnything, "a second pass finds nothing")
    }

    @Test func aRetentionReachingPastTheEarliestInstantDeletesNothing() throws {
        let folder = try Self.folder("centuries")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = try MetricStore(path: folder + "/goalwatch.sqlite")
        var samples = SampleBatch()
        samples.append(Labels(["__name__": "followers"]), timestamp: -5 * Self.day, value: 1)
        try store.apply(samples, source: nil, lookback: nil, ledger: nil)

        let outcome = try StoreMaintenance(store: store).pass(retention: TimeSpan(milliseconds: .max), at: Timestamp(milliseconds: 0))

        #expect(!outcome.deletedAnything)
        #expect(try store.series(named: nil).count == 1)
    }

    /// The daemon prunes on its own: samples older than `storage.retention` leave the store while it runs.
    @Test func theRunningDaemonPrunesTheStoreToItsRetention() async throws {
        let folder = try Self.folder("daemon")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let config = folder + "/goalwatch.yml"
        try "storage: {path: \(folder)/goalwatch.sqlite, retention: 1h}\nevaluation: {interval: 1h}\n"
            .write(toFile: config, atomically: true, encoding: .utf8)
        let store = try MetricStore(path: folder + "/goalwatch.sqlite")
        let now = Timestamp.now
        var samples = SampleBatch()
        samples.append(Labels(["__name__": "followers", "account": "old"]), timestamp: (now - .hours(2)).milliseconds, value: 1)
        samples.append(Labels(["__name__": "followers", "account": "new"]), timestamp: now.milliseconds, value: 2)
        try store.apply(samples, source: nil, lookback: nil, ledger: nil)

        let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
        let daemon = try Daemon(
            configPath: config, logger: logger, journal: false, version: "test",
            maintenance: StoreMaintenance.Schedule(delay: .zero, interval: .seconds(3600)))
        let group = ServiceGroup(configuration: .init(services: [.init(service: daemon)], logger: logger))
        let running = Task { try await group.run() }

        let deadline = ContinuousClock.now + .seconds(30)
        var accounts = try store.series(named: "followers").map { $0.labels["account"] }
        while accounts.count > 1, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
            accounts = try store.series(named: "followers").map { $0.labels["account"] }
        }
        #expect(accounts == ["new"])

        await group.triggerGracefulShutdown()
        try await running.value
    }

    private static func folder(_ name: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("goalwatch-maintenance-\(name)-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
