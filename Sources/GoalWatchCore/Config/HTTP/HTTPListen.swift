/// Where the HTTP API listens: an address of its own, or the socket systemd passes (goalwatch.socket).
public enum HTTPListen: Sendable, Hashable, CustomStringConvertible {
    /// A host (an IP address or a name; IPv6 without brackets) and a TCP port.
    case address(host: String, port: Int)
    /// The listening socket passed by socket activation (`LISTEN_FDS`).
    case systemd

    /// Reads `127.0.0.1:9464`, `[::1]:9464`, `localhost:9464` or `systemd`.
    ///
    /// - Returns: `nil` when `text` is none of these, or the port is not 1…65535.
    public init?(_ text: String) {
        if text == "systemd" {
            self = .systemd
            return
        }
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (1...65535).contains(port) else {
            return nil
        }
        var host = Substring(text[..<colon])
        if host.hasPrefix("[") {
            guard host.hasSuffix("]"), host.count > 2 else { return nil }
            host = host.dropFirst().dropLast()
            guard host.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." }) else { return nil }
        } else {
            let isHostCharacter: (Character) -> Bool = { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == ".") }
            guard !host.isEmpty, host.allSatisfy(isHostCharacter) else { return nil }
        }
        self = .address(host: String(host), port: port)
    }

    /// `127.0.0.1:9464`, `[::1]:9464` or `systemd`, as a configuration file writes it.
    public var description: String {
        switch self {
        case .systemd: "systemd"
        case .address(let host, let port): host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        }
    }
}
