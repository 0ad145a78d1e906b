import GoalWatchCore
import HummingbirdCore
import Logging
import NIOCore
import NIOExtras
import NIOPosix
import ServiceLifecycle

/// The HTTP/1.1 server of the API: accepts connections on its socket and serves each with
/// Hummingbird's HTTP/1 channel. On graceful shutdown it stops accepting, lets requests in flight
/// finish and closes idle connections.
///
/// Hummingbird's own `Server` can only bind an address itself; this one also adopts the listening
/// socket systemd passes (`ServerBootstrap.bind(_:)` over an existing descriptor). It binds when it is
/// made, so that a socket it cannot have stops the start before the daemon runs anything.
struct HTTPServer: Service {
    private let server: NIOAsyncChannel<HTTP1Channel.Value, Never>
    private let quiescing: ServerQuiescingHelper
    private let channel: HTTP1Channel
    private let logger: Logger

    /// Binds `socket` (or adopts it) and returns the server, not yet accepting.
    ///
    /// - Throws: ``HTTPServerError`` when the socket cannot be had.
    static func bind(_ socket: ListeningSocket, channel: HTTP1Channel, logger: Logger) async throws -> HTTPServer {
        let group = MultiThreadedEventLoopGroup.singleton
        let quiescing = ServerQuiescingHelper(group: group)
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(ChannelOptions.backlog, value: 256)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(ChannelOptions.allowRemoteHalfClosure, value: true)
            .serverChannelInitializer { server in
                server.eventLoop.makeCompletedFuture {
                    try server.pipeline.syncOperations.addHandler(quiescing.makeServerChannelHandler(channel: server))
                }
            }
        let server: NIOAsyncChannel<HTTP1Channel.Value, Never>
        do {
            switch socket {
            case .address(let host, let port):
                server = try await bootstrap.bind(host: host, port: port) { channel.setup(channel: $0, logger: logger) }
            case .inherited(let passed):
                server = try await bootstrap.bind(passed.descriptor) { channel.setup(channel: $0, logger: logger) }
            }
        } catch {
            throw HTTPServerError(listen: socket.listen, reason: "\(error)")
        }
        logger.info("HTTP API listening", metadata: ["listen": .string(socket.description)])
        return HTTPServer(server: server, quiescing: quiescing, channel: channel, logger: logger)
    }

    func run() async throws {
        let (server, channel, logger, quiescing) = (self.server, self.channel, self.logger, self.quiescing)
        await withGracefulShutdownHandler {
            await withDiscardingTaskGroup { group in
                do {
                    try await server.executeThenClose { connections in
                        for try await connection in connections {
                            group.addTask { await channel.handle(value: connection, logger: logger) }
                        }
                    }
                } catch {
                    logger.error("HTTP API stopped accepting connections", metadata: ["error": .string("\(error)")])
                }
            }
        } onGracefulShutdown: {
            quiescing.initiateShutdown(promise: nil)
        }
    }
}
