import ArgumentParser
import Foundation
import GoalWatchCore
import GoalWatchIngest
import GoalWatchStore

/// `goalwatch ingest FILE…`: loads history through the daemon's decoders, ledger and transactions.
struct IngestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Load snapshot files into the store.",
        discussion: """
        Each file is decoded and stored in one transaction, or refused whole with the line that is wrong.
        A file already ingested (same path, size and time, or same content) is not counted twice.
        The source whose `path` glob matches a file decides its format and CSV mapping; --source picks one.

        Example:
          goalwatch ingest --config deploy/goalwatch.yml examples/inbox/*.csv

        Exit status: 0 when every file was ingested or already known, 1 when any was refused.
        """
    )

    @OptionGroup var options: GlobalOptions

    @Option(help: "Read every file as this configured source (its format, CSV mapping and labels).")
    var source: String?

    @Argument(help: "Snapshot files (.json, .ndjson, .csv).", completion: .file())
    var files: [String]

    /// A file up to this size is prepared while the one before it is stored; a larger one waits its
    /// turn, so that at most one large file's samples are in memory at a time.
    static let preparedAheadLimit = 64 << 20

    func run() async throws {
        let configuration = try ConfigurationFile.load(explicit: options.config)
        let store = try StoreOpener.open(configuration)
        let ingester = SnapshotIngester(store: store)
        let now = Timestamp.now
        /// Prepares `file` (reads, hashes and decodes it) on another thread, or gives the error that
        /// refuses it before it is read.
        func preparation(of file: String) -> Task<Result<PreparedSnapshot, InputError>, Never> {
            let settings = Result { () throws(InputError) in try SourceChooser.settings(for: file, named: source, in: configuration) }
            return Task.detached { settings.map { ingester.prepare(file, settings: $0, now: now) } }
        }
        var results: [IngestFileResult] = []
        var ahead: (file: String, task: Task<Result<PreparedSnapshot, InputError>, Never>)?
        for (position, file) in files.enumerated() {
            let task = ahead?.file == file ? ahead!.task : preparation(of: file)
            ahead = nil
            // The next file is read and decoded on the other core while this one is stored.
            if position + 1 < files.count, Self.isSmall(files[position + 1]) {
                ahead = (files[position + 1], preparation(of: files[position + 1]))
            }
            switch await task.value {
            case .failure(let error):
                results.append(IngestFileResult(file: file, outcome: .refused(error, quarantinedAt: nil)))
            case .success(let snapshot):
                results.append(IngestFileResult(file: file, outcome: ingester.store(snapshot, quarantine: nil)))
            }
        }
        try IngestFileResult.print(results, format: options.format)
        if results.contains(where: { $0.outcome.isRefused || $0.isDeferred }) { throw ExitCode(1) }
    }

    /// Whether the file at `path` is at most ``preparedAheadLimit`` bytes (false when it cannot be read).
    private static func isSmall(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && status.st_size <= preparedAheadLimit
    }
}
