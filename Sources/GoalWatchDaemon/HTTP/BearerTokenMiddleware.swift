import GoalWatchCore
import HTTPTypes
import Hummingbird

/// Guards the calls that change something: they need `Authorization: Bearer <token>` with the token
/// of `http.token_file`, compared in constant time. Without a `token_file` they are all refused (403),
/// so that an API without a token is read-only rather than open.
struct BearerTokenMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The token in force now (a reload may change it); `nil` when no `token_file` is configured.
    let token: @Sendable () -> Secret?

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let token = token() else {
            throw APIError(
                status: .forbidden,
                message: "this call changes the daemon and needs a token, but none is configured: set http.token_file in the configuration")
        }
        let challenge: HTTPFields = [.wwwAuthenticate: #"Bearer realm="goalwatch""#]
        guard let header = request.headers[.authorization] else {
            throw APIError(status: .unauthorized, message: "missing the Authorization: Bearer <token> header", headers: challenge)
        }
        let scheme = "Bearer "
        guard header.count > scheme.count, header.prefix(scheme.count).lowercased() == scheme.lowercased(),
              ConstantTime.equal(Array(header.utf8.dropFirst(scheme.count)), Array(token.reveal().utf8))
        else {
            throw APIError(status: .unauthorized, message: "the bearer token is not valid", headers: challenge)
        }
        return try await next(request, context)
    }
}
