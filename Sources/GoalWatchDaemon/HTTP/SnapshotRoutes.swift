import GoalWatchCore
import GoalWatchIngest
import Hummingbird

/// `POST /api/v1/snapshots`: push ingest. The body is a snapshot in GoalWatch's JSON, NDJSON or CSV, by
/// its `Content-Type`; it goes through the same decoders, ledger and single transaction as a file from
/// a source. `?source=NAME` reads it as that configured source (its CSV mapping, labels, limits and
/// lookback; CSV needs one); without it the samples are recorded as from source `push`.
///
/// Answers 200 with `{"status": "ingested", "samples", "series"}` (or `"unchanged"` when the same body
/// came before), 400 with the decoder's reason, line and column when the snapshot is refused (nothing
/// of it is stored), 415 for another content type.
struct SnapshotRoutes {
    let view: DaemonView

    /// The content types read, and the format each means.
    static let formats: [(contentType: String, format: SnapshotFormat)] = [
        ("application/json", .json),
        ("application/x-ndjson", .ndjson), ("application/ndjson", .ndjson), ("application/jsonl", .ndjson),
        ("application/x-jsonlines", .ndjson), ("text/csv", .csv),
    ]

    func register(on routes: some RouterMethods<BasicRequestContext>) {
        let view = self.view
        routes.post("/api/v1/snapshots") { request, _ in
            let state = view.current
            let configuration = state.setup.configuration
            let format = try Self.format(of: request)
            var settings = try Self.settings(source: request.uri.queryParameters.get("source"), in: configuration)
            settings.format = format
            let body = try await RequestBodyReader.bytes(of: request, limit: configuration.http?.maxBody ?? HTTPConfiguration.defaultMaxBody)
            let name = Self.ledgerName(source: request.uri.queryParameters.get("source"))
            // Decoding and storing block a thread: on the ingest executor, as the sources do.
            let outcome = await withTaskExecutorPreference(view.ingestExecutor) { [settings] in
                SnapshotIngester(store: view.store).ingestBody(body, name: name, settings: settings, now: Daemon.now())
            }
            view.recordIngest(outcome)
            switch outcome {
            case .ingested, .unchanged:
                return JSONResponse.make(outcome.json)
            case .refused(let error, _):
                var details: [String: any Sendable] = ["reason": error.message]
                if let location = error.location, location.line > 0 {
                    details["line"] = location.line
                    if location.column > 0 { details["column"] = location.column }
                }
                throw APIError(status: .badRequest, message: "snapshot refused, nothing stored: \(error.description)", details: details)
            case .deferred(let reason):
                throw APIError(status: .serviceUnavailable, message: "the snapshot could not be stored now: \(reason)")
            case .settling:
                throw APIError(status: .serviceUnavailable, message: "the snapshot could not be stored now")
            }
        }
    }

    /// What the ledger and error messages call a push: `push`, or `push:NAME` when read as source NAME.
    private static func ledgerName(source: String?) -> String {
        source.map { "push:\($0)" } ?? "push"
    }

    /// The format the request's `Content-Type` names (parameters such as `charset` aside).
    private static func format(of request: Request) throws(APIError) -> SnapshotFormat {
        let mediaType = request.headers[.contentType]?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
        guard let format = formats.first(where: { $0.contentType == mediaType })?.format else {
            let found = mediaType.isEmpty ? "no Content-Type" : "Content-Type \(mediaType)"
            throw APIError(
                status: .unsupportedMediaType,
                message: "expected a snapshot as \(formats.map(\.contentType).joined(separator: ", ")); found \(found)")
        }
        return format
    }

    /// The settings of the configured source `name`, or of a push without one.
    private static func settings(source name: String?, in configuration: Configuration) throws(APIError) -> IngestSettings {
        guard let name else { return IngestSettings(sourceName: "push") }
        guard let source = configuration.sources.first(where: { $0.name == name }) else {
            let known = configuration.sources.map(\.name).joined(separator: ", ")
            throw APIError(status: .badRequest, message: "expected ?source= to name a configured source (\(known.isEmpty ? "none configured" : known)), found \"\(name)\"")
        }
        return IngestSettings(source: source)
    }
}
