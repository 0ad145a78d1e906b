import Foundation
import GoalWatchCore
import Synchronization

/// A folder of snapshot files matched by a glob, polled every `every` and, where inotify is
/// available, scanned as soon as a file is written or moved in.
public struct FileSource: Sendable {
    /// The files to read, as an absolute glob (`/var/lib/goalwatch/inbox/*.csv`).
    public var pattern: String
    /// How often to scan even when no change was reported.
    public var every: TimeSpan
    /// What to do with a file once it is ingested.
    public var afterRead: AfterRead
    /// How files are decoded and stored.
    public var settings: IngestSettings
    /// A file modified more recently than this is left for the next scan: it may still be being
    /// written by a writer that does not write-then-rename. A file inotify saw renamed into the folder
    /// is complete already and read at once.
    public var settleTime: TimeSpan

    public init(pattern: String, every: TimeSpan, afterRead: AfterRead = .keep, settings: IngestSettings, settleTime: TimeSpan = .seconds(1)) {
        self.pattern = pattern
        self.every = every
        self.afterRead = afterRead
        self.settings = settings
        self.settleTime = settleTime
    }

    /// One pass over the matching files, in name order, each read and decoded while the one before it
    /// is stored (``PreparedAhead``).
    /// - Parameter renamedIn: paths known to have been renamed into the folder whole, read without
    ///   waiting for them to settle.
    /// - Returns: each file considered, with what became of it.
    public func scan(
        into ingester: SnapshotIngester, quarantine: Quarantine?, now: Timestamp, renamedIn: Set<String> = []
    ) -> [(path: String, outcome: IngestOutcome)] {
        var outcomes: [(path: String, outcome: IngestOutcome)] = []
        PreparedAhead.forEach(FileGlob.paths(matching: pattern)) { [settings, settleTime] path -> PreparedSnapshot? in
            if !renamedIn.contains(path), Self.isSettling(path, now: now, settleTime: settleTime) { return nil }
            return ingester.prepare(path, settings: settings, now: now)
        } _: { path, prepared in
            outcomes.append((path, prepared.map { store($0, into: ingester, quarantine: quarantine) } ?? .settling))
        }
        return outcomes
    }

    /// Whether the file at `path` was modified less than `settleTime` before `now`: it may still be
    /// being written. A modification time ahead of `now` (clock skew, a copied file) counts as settled.
    private static func isSettling(_ path: String, now: Timestamp, settleTime: TimeSpan) -> Bool {
        guard let identity = try? FileContents.identity(of: path) else { return false }
        let age = now.milliseconds - identity.modifiedNanoseconds / 1_000_000
        return age >= 0 && age < settleTime.milliseconds
    }

    /// Stores a prepared file and, once it is ingested or known, does what `afterRead` says.
    private func store(_ prepared: PreparedSnapshot, into ingester: SnapshotIngester, quarantine: Quarantine?) -> IngestOutcome {
        let path = prepared.path
        let outcome = ingester.store(prepared, quarantine: quarantine)
        switch outcome {
        case .ingested, .unchanged:
            do {
                try finish(path)
            } catch {
                return .deferred(reason: "ingested, but after_read failed: \(error.localizedDescription)")
            }
        case .refused, .deferred, .settling:
            break
        }
        return outcome
    }

    private func finish(_ path: String) throws {
        switch afterRead {
        case .keep:
            return
        case .delete:
            try FileManager.default.removeItem(atPath: path)
        case .move(let directory):
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let destination = (directory as NSString).appendingPathComponent((path as NSString).lastPathComponent)
            if FileManager.default.fileExists(atPath: destination) {
                try FileManager.default.removeItem(atPath: destination)
            }
            try FileManager.default.moveItem(atPath: path, toPath: destination)
        }
    }

    /// Scans at start, then every `every` and whenever the watched folder reports a finished write,
    /// until the task is cancelled. Scans never overlap; wake-ups during a scan coalesce into one.
    ///
    /// - Parameters:
    ///   - now: the clock, injected so tests control time.
    ///   - report: called with each file's outcome (the daemon logs and counts them).
    public func run(
        into ingester: SnapshotIngester,
        quarantine: Quarantine?,
        now: @escaping @Sendable () -> Timestamp,
        report: @escaping @Sendable (String, IngestOutcome) -> Void
    ) async {
        let (wakeups, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        let directory = FileGlob.watchedDirectory(of: pattern)
        // A folder that does not exist yet cannot be watched: make it (an inbox under the state
        // directory), or, where that is not allowed, rely on polling.
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        // Renamed-in files seen since the last scan, taken by the next one.
        let renamedIn = Mutex<Set<String>>([])
        let watcher = DirectoryWatcher(directory: directory) { names in
            renamedIn.withLock { $0.formUnion(names.map { (directory as NSString).appendingPathComponent($0) }) }
            continuation.yield()
        }
        let settle = settleTime
        let interval = every
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                continuation.yield()
                while !Task.isCancelled {
                    try? await Task.sleep(for: .milliseconds(interval.milliseconds))
                    continuation.yield()
                }
                continuation.finish()
            }
            for await _ in wakeups {
                var rescanAfterSettle = false
                let complete = renamedIn.withLock { taken in
                    defer { taken = [] }
                    return taken
                }
                for (path, outcome) in scan(into: ingester, quarantine: quarantine, now: now(), renamedIn: complete) {
                    switch outcome {
                    case .unchanged: continue
                    case .settling: rescanAfterSettle = true
                    case .ingested, .refused, .deferred: report(path, outcome)
                    }
                }
                if rescanAfterSettle {
                    group.addTask {
                        try? await Task.sleep(for: .milliseconds(settle.milliseconds))
                        continuation.yield()
                    }
                }
            }
            group.cancelAll()
        }
        withExtendedLifetime(watcher) {}
    }
}
