import Foundation
import GoalWatchCore
import GoalWatchDaemon
import GoalWatchIngest

/// One file's line in `goalwatch ingest`'s report.
struct IngestFileResult {
    var file: String
    var outcome: IngestOutcome

    var isDeferred: Bool {
        if case .deferred = outcome { return true }
        return false
    }

    /// A line for people: `FILE: 1234 samples in 12 series`, or `FILE:17: refused: …`.
    var text: String {
        switch outcome {
        case .ingested(let samples, let series):
            return "\(file): ingested \(samples) samples in \(series) series"
        case .unchanged(let reason):
            return "\(file): skipped, \(reason)"
        case .settling:
            return "\(file): skipped, still being written"
        case .deferred(let reason):
            return "\(file): not read: \(reason)"
        case .refused(let error, let quarantinedAt):
            let place = error.location.map { $0.file == file ? $0.description : "\(file): \($0)" } ?? file
            let moved = quarantinedAt.map { " (moved to \($0))" } ?? ""
            return "\(place): refused: \(error.message)\(moved)"
        }
    }

    /// The JSON object for scripts.
    var json: [String: Any] {
        outcome.json.merging(["file": file]) { $1 }
    }

    static func print(_ results: [IngestFileResult], format: OutputFormat) throws {
        switch format {
        case .json:
            try JSONOutput.print(results.map(\.json))
        case .text, .table:
            for result in results {
                if result.outcome.isRefused || result.isDeferred {
                    printError(result.text)
                } else {
                    Swift.print(result.text)
                }
            }
        }
    }
}
