import Foundation
import GoalWatchCore

/// The address notifications link the dashboard at: their `externalURL`, and the base of goal alerts'
/// dashboard links and of `$externalURL` in templates.
///
/// `http.external_url` when it is set. Otherwise, as Alertmanager's `--web.external-url` does, the
/// listening address: `http://HOST:PORT` from `http.listen`, with the machine's host name in place of a
/// wildcard address (`0.0.0.0`, `::`). None without an `http:` section, which runs no dashboard, or with
/// `listen: systemd`, whose port only the socket unit knows.
enum ExternalURL {
    static func of(_ http: HTTPConfiguration?, hostName: () -> String = ExternalURL.hostName) -> String? {
        guard let http else { return nil }
        if let url = http.externalURL { return url }
        guard case .address(let host, let port) = http.listen else { return nil }
        let shown = host == "0.0.0.0" || host == "::" ? hostName() : host
        return shown.contains(":") ? "http://[\(shown)]:\(port)" : "http://\(shown):\(port)"
    }

    /// The machine's host name, as `hostname` prints it (no lookup in DNS).
    static func hostName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count) == 0 else { return "localhost" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
