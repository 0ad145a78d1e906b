import Hummingbird
import Logging
import NIOCore

/// Turns every error a route throws into a JSON answer, so that no error leaves the API as plain text
/// or an empty body: ``APIError`` as it says, Hummingbird's own errors (no such route: 404) with their
/// status, a body over the limit as 413, anything else as 500 with its details only in the log.
struct JSONErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The `http.max_body` in force, for the 413 message.
    let maxBody: @Sendable () -> Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            return error.response()
        } catch is NIOTooManyBytesError {
            return APIError.bodyTooLarge(limit: maxBody()).response()
        } catch let error as HTTPError {
            let message = error.status == .notFound
                ? "no such endpoint: \(request.method) \(request.uri.path); docs/http-api.md lists them"
                : error.body ?? error.status.reasonPhrase
            return APIError(status: error.status, message: message).response()
        } catch {
            context.logger.error("HTTP API request failed", metadata: ["path": .string(request.uri.path), "error": .string("\(error)")])
            return APIError(status: .internalServerError, message: "internal error; the daemon's log has the details").response()
        }
    }
}
