import GoalWatchCore
import Systemd

/// The socket the HTTP server accepts connections on: an address it binds itself, or a listening
/// socket systemd passed (socket activation, goalwatch.socket).
enum ListeningSocket: Sendable, CustomStringConvertible {
    /// Bind this host and port.
    case address(host: String, port: Int)
    /// Accept on this inherited descriptor, already bound and listening.
    case inherited(ListenFD)

    /// The socket for `listen`. For `systemd`, the passed socket named `http` (the socket unit's
    /// `FileDescriptorName=`), else the first one; the environment variables are removed, so that
    /// nothing the daemon starts inherits them.
    ///
    /// - Throws: ``HTTPServerError`` when `listen` is `systemd` and no usable socket was passed.
    static func resolve(_ listen: HTTPListen) throws -> ListeningSocket {
        switch listen {
        case .address(let host, let port):
            return .address(host: host, port: port)
        case .systemd:
            let passed: [ListenFD]
            do {
                passed = try ListenFDs.inherited(unsettingEnvironment: true)
            } catch {
                throw HTTPServerError(listen: listen, reason: error.description)
            }
            guard let socket = passed.first(where: { $0.name == "http" }) ?? passed.first else {
                throw HTTPServerError(
                    listen: listen,
                    reason: "no socket was passed (LISTEN_FDS is not set for this process); start the service through "
                        + "goalwatch.socket (systemctl enable --now goalwatch.socket), or set http.listen to an address such as 127.0.0.1:9464")
            }
            guard socket.isListeningStreamSocket else {
                throw HTTPServerError(
                    listen: listen,
                    reason: "the passed descriptor \(socket.descriptor) (\(socket.name)) is not a listening stream socket; "
                        + "the socket unit needs ListenStream= and Accept=no")
            }
            return .inherited(socket)
        }
    }

    /// The configuration's `http.listen` that names this socket.
    var listen: HTTPListen {
        switch self {
        case .address(let host, let port): .address(host: host, port: port)
        case .inherited: .systemd
        }
    }

    var description: String {
        switch self {
        case .address: "\(listen)"
        case .inherited(let socket): "the socket systemd passed (descriptor \(socket.descriptor), \(socket.name))"
        }
    }
}

/// The HTTP API could not listen.
public struct HTTPServerError: Error, Sendable, CustomStringConvertible {
    /// Where the configuration asked it to listen.
    public var listen: HTTPListen
    /// Why it could not.
    public var reason: String

    public var description: String { "http.listen \(listen): cannot listen: \(reason)" }
}
