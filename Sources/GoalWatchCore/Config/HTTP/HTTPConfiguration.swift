/// The `http:` section: where the HTTP API listens, the token that guards every call that changes
/// something, how large a request body may be (DESIGN §11), and the address notifications link the
/// dashboard at. No section, no server.
public struct HTTPConfiguration: Sendable, Hashable {
    /// Where the API listens.
    public var listen: HTTPListen
    /// The bearer token mutating calls must present, read from `token_file`; `nil` when no
    /// `token_file` is set, and then every mutating call is refused.
    public var token: Secret?
    /// The largest request body accepted, in bytes; a larger one is answered with 413.
    public var maxBody: Int
    /// The address people reach the dashboard at, from `external_url`, without a trailing `/`:
    /// the base of the links notifications carry. `nil` when not set (see the daemon for the default).
    public var externalURL: String?

    /// The default body limit: 4 MiB, room for a fleet-wide snapshot of several thousand series.
    public static let defaultMaxBody = 4 << 20

    /// Creates the section.
    public init(listen: HTTPListen, token: Secret? = nil, maxBody: Int = HTTPConfiguration.defaultMaxBody, externalURL: String? = nil) {
        self.listen = listen
        self.token = token
        self.maxBody = maxBody
        self.externalURL = externalURL
    }
}
