import GoalWatchCore
import GoalWatchNotify
import Hummingbird

/// Silences: `GET /api/v1/silences` (pending and active ones, `?expired=true` for expired ones too),
/// `POST /api/v1/silences` (add one; answers it, with its `id`) and `DELETE /api/v1/silences/{id}`
/// (expire it now). The JSON is that of `goalwatch silence list --format json`. The router sees a new or
/// expired silence at its next flush, as it sees those of `goalwatch silence`.
struct SilenceRoutes {
    let view: DaemonView

    /// Registers the reads on `reads` and the changes on `changes`, the routes that need the token.
    func register(reads: some RouterMethods<BasicRequestContext>, changes: some RouterMethods<BasicRequestContext>) {
        let view = self.view
        reads.get("/api/v1/silences") { request, _ in
            let now = Daemon.now()
            let expired = request.uri.queryParameters.get("expired") == "true"
            let silences = try SilenceBook(store: view.store).all()
                .filter { expired || $0.state(at: now) != .expired }
                .sorted { ($0.startsAt, $0.id) < ($1.startsAt, $1.id) }
            return JSONResponse.make(silences.map { $0.json(at: now) })
        }
        changes.post("/api/v1/silences") { request, _ in
            let now = Daemon.now()
            let maxBody = view.current.setup.configuration.http?.maxBody ?? HTTPConfiguration.defaultMaxBody
            let draft = try SilenceRequest.draft(from: try await RequestBodyReader.bytes(of: request, limit: maxBody), now: now)
            let silence: Silence
            do throws(InputError) {
                silence = try draft.silence(at: now)
            } catch {
                throw APIError(status: .badRequest, message: error.message)
            }
            try SilenceBook(store: view.store).save(silence)
            return JSONResponse.make(silence.json(at: now))
        }
        changes.delete("/api/v1/silences/:id") { _, context in
            let id = try context.parameters.require("id")
            do {
                let silence = try SilenceBook(store: view.store).expire(id: id, at: Daemon.now())
                // Its end is inclusive: answered as it stands from the next instant on, expired.
                return JSONResponse.make(silence.json(at: silence.endsAt + TimeSpan(milliseconds: 1)))
            } catch SilenceError.notFound {
                throw APIError(status: .notFound, message: SilenceError.notFound(id).description)
            } catch let error as SilenceError {
                throw APIError(status: .conflict, message: error.description)
            }
        }
    }
}
