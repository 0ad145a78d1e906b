import ArgumentParser
import Foundation
import GoalWatchCore
import GoalWatchIngest
import GoalWatchStore

/// `goalwatch ingest FILE…`: loads history through the daemon's decoders, ledger and transactions.
struct IngestCommand: ParsableCommand {
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

    func run() throws {
        let configuration = try ConfigurationFile.load(explicit: options.config)
        let store = try StoreOpener.open(configuration)
        let ingester = SnapshotIngester(store: store)
        let now = Timestamp.now
        var results: [IngestFileResult] = []
        // Each file is read and decoded on the other core while the one before it is stored; a file
        // no source reads is refused before it is read.
        PreparedAhead.forEach(files) { [source] file in
            Result { () throws(InputError) in try SourceChooser.settings(for: file, named: source, in: configuration) }
                .map { ingester.prepare(file, settings: $0, now: now) }
        } _: { file, prepared in
            switch prepared {
            case .failure(let error):
                results.append(IngestFileResult(file: file, outcome: .refused(error, quarantinedAt: nil)))
            case .success(let snapshot):
                results.append(IngestFileResult(file: file, outcome: ingester.store(snapshot, quarantine: nil)))
            }
        }
        try IngestFileResult.print(results, format: options.format)
        if results.contains(where: { $0.outcome.isRefused || $0.isDeferred }) { throw ExitCode(1) }
    }
}
