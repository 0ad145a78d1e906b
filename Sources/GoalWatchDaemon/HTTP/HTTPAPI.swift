import GoalWatchCore
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import ServiceLifecycle

/// The daemon's HTTP API (DESIGN §11, docs/http-api.md): health, metrics, alerts, goals, rules,
/// silences, push ingest, reload and the dashboard.
public enum HTTPAPI {
    /// How long a connection may stay idle before the server closes it.
    static let idleTimeout = TimeAmount.seconds(60)

    /// The server for `daemon`'s `http:` section, its socket bound, to run in the same service group as
    /// the daemon; `nil` when the configuration has no `http:` section.
    ///
    /// Call it before the service group starts: with `listen: systemd` it takes the passed socket and
    /// removes `LISTEN_FDS` and friends from the environment.
    ///
    /// - Throws: ``HTTPServerError`` when the address cannot be bound, or `listen: systemd` but no usable
    ///   socket was passed.
    public static func server(for daemon: Daemon, logger: Logger) async throws -> (any Service)? {
        guard let http = daemon.view.current.setup.configuration.http else { return nil }
        let socket = try ListeningSocket.resolve(http.listen)
        let responder = APIRouter.make(daemon: daemon).buildResponder()
        let channel = HTTP1Channel(
            responder: { request, writer, channel in
                let context = BasicRequestContext(source: ApplicationRequestContextSource(channel: channel, logger: logger))
                let response: Response
                do {
                    response = try await responder.respond(to: request, context: context)
                } catch {
                    // The router answers every error as JSON; whatever escapes it is a failure of the server itself.
                    response = APIError(status: .internalServerError, message: "internal error").response()
                }
                try await writer.write(response: response.head, body: response.body)
            },
            configuration: HTTP1Channel.Configuration(idleTimeout: idleTimeout))
        return try await HTTPServer.bind(socket, channel: channel, logger: logger)
    }
}
