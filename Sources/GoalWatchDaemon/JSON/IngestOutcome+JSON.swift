import GoalWatchCore
import GoalWatchIngest

extension IngestOutcome {
    /// What became of a snapshot, for scripts (`goalwatch ingest --format json`, `POST /api/v1/snapshots`):
    /// `{"status": "ingested", "samples", "series"}`, `{"status": "unchanged" | "deferred", "reason"}`, or
    /// `{"status": "refused", "error", "reason", "line", "column"}` with the position when there is one.
    public var json: [String: Any] {
        var object: [String: Any] = [:]
        switch self {
        case .ingested(let samples, let series):
            object["status"] = "ingested"
            object["samples"] = samples
            object["series"] = series
        case .unchanged(let reason):
            object["status"] = "unchanged"
            object["reason"] = reason
        case .settling:
            object["status"] = "deferred"
            object["reason"] = "still being written"
        case .deferred(let reason):
            object["status"] = "deferred"
            object["reason"] = reason
        case .refused(let error, _):
            object["status"] = "refused"
            object["error"] = error.description
            if let location = error.location, location.line > 0 {
                object["line"] = location.line
                if location.column > 0 { object["column"] = location.column }
            }
            object["reason"] = error.message
        }
        return object
    }
}
