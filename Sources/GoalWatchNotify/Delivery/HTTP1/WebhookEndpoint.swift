import Foundation

/// Where a receiver's requests go, taken apart once when the receiver is configured: the connection's
/// origin, the request target and the `Host` header.
struct WebhookEndpoint: Sendable, Hashable {
    /// What a connection is opened to; requests to the same origin share connections.
    struct Origin: Sendable, Hashable {
        /// Whether the connection uses TLS (`https`).
        var tls: Bool
        /// The host name or address (an IPv6 address without its brackets).
        var host: String
        var port: Int
    }

    var origin: Origin
    /// The path and query, as the request line carries them: `/hooks/T000?x=1`.
    var target: String
    /// The `Host` header: the host, with the port unless it is the scheme's own.
    var hostHeader: String
    /// `Basic …` when the URL carries a user (`https://user:password@host/`), as other HTTP clients send it.
    var authorization: String?

    /// The endpoint of `url`, or `nil` when it is not an absolute `http` or `https` URL with a host.
    init?(_ url: String) {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
            scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty
        else { return nil }
        let tls = scheme == "https"
        let defaultPort = tls ? 443 : 80
        let port = components.port ?? defaultPort
        guard (1...65535).contains(port) else { return nil }
        let bareHost = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        origin = Origin(tls: tls, host: bareHost, port: port)
        let path = components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath
        target = components.percentEncodedQuery.map { "\(path)?\($0)" } ?? path
        let shownHost = bareHost.contains(":") ? "[\(bareHost)]" : bareHost
        hostHeader = port == defaultPort ? shownHost : "\(shownHost):\(port)"
        if let user = components.user {
            let credentials = "\(user):\(components.password ?? "")"
            authorization = "Basic " + Data(credentials.utf8).base64EncodedString()
        } else {
            authorization = nil
        }
    }
}
