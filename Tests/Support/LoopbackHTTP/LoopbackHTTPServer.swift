import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// A real HTTP/1.1 server on 127.0.0.1 with a scripted handler, for testing HTTP clients.
///
/// The handler answers each request; answering `nil` holds the request without a response (a receiver
/// that hangs) until the server shuts down.
public final class LoopbackHTTPServer: Sendable {
    /// A request as received.
    public struct Request: Sendable {
        public var method: String
        public var uri: String
        public var headers: [(String, String)]
        public var body: [UInt8]
        /// Which connection it came on: 1 for the first the server accepted, 2 for the next, ….
        public var connection: Int

        /// The value of the first header named `name`, compared without regard to case.
        public func header(_ name: String) -> String? {
            headers.first { $0.0.lowercased() == name.lowercased() }?.1
        }

        /// The body as UTF-8 text.
        public var text: String { String(decoding: body, as: UTF8.self) }
    }

    /// A response to send.
    public struct Response: Sendable {
        public var status: Int
        public var headers: [(String, String)] = []
        public var body: [UInt8] = []

        public init(status: Int, headers: [(String, String)] = [], body: String = "") {
            self.status = status
            self.headers = headers
            self.body = Array(body.utf8)
        }
    }

    /// Answers a request; `nil` never answers it.
    public typealias Handler = @Sendable (Request) -> Response?

    private let group: MultiThreadedEventLoopGroup
    private let channel: Channel
    private let received = NIOLockedValueBox<[Request]>([])

    /// The port the server listens on.
    public var port: Int { channel.localAddress?.port ?? 0 }

    /// `http://127.0.0.1:<port>` (`https` when serving TLS) followed by `path`.
    public func url(_ path: String = "/") -> String { "\(scheme)://127.0.0.1:\(port)\(path)" }

    private let scheme: String

    /// The connections open now.
    public var openConnections: Int { open.withLockedValue { $0 } }
    private let open = NIOLockedValueBox(0)

    /// The requests received so far, in order.
    public var requests: [Request] { received.withLockedValue { $0 } }

    /// Starts a server on `port` (default: a free one), speaking HTTPS with `tls` when given.
    public init(port: Int = 0, tls: TLSIdentity? = nil, handler: @escaping Handler) throws {
        group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        scheme = tls == nil ? "http" : "https"
        let received = self.received
        let accepted = NIOLockedValueBox(0)
        let open = self.open
        let sslContext = try tls.map { identity in
            try NIOSSLContext(configuration: .makeServerConfiguration(
                certificateChain: try NIOSSLCertificate.fromPEMFile(identity.certificatePath).map { .certificate($0) },
                privateKey: .privateKey(try NIOSSLPrivateKey(file: identity.privateKeyPath, format: .pem))))
        }
        let group = self.group
        do {
            channel = try Self.listen(group: group, port: port, sslContext: sslContext, accepted: accepted, open: open, received: received, handler: handler)
        } catch {
            // The group's thread would outlive a server that never started.
            try? group.syncShutdownGracefully()
            throw error
        }
    }

    private static func listen(
        group: MultiThreadedEventLoopGroup, port: Int, sslContext: NIOSSLContext?, accepted: NIOLockedValueBox<Int>,
        open: NIOLockedValueBox<Int>, received: NIOLockedValueBox<[Request]>, handler: @escaping Handler
    ) throws -> Channel {
        try ServerBootstrap(group: group)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                if let sslContext {
                    do {
                        try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: sslContext))
                    } catch {
                        return channel.eventLoop.makeFailedFuture(error)
                    }
                }
                let connection = accepted.withLockedValue { count in
                    count += 1
                    return count
                }
                open.withLockedValue { $0 += 1 }
                channel.closeFuture.whenComplete { _ in open.withLockedValue { $0 -= 1 } }
                return channel.pipeline.configureHTTPServerPipeline().flatMap {
                    channel.pipeline.addHandler(RequestHandler(connection: connection, handler: handler) { request in
                        received.withLockedValue { $0.append(request) }
                    })
                }
            }
            .bind(host: "127.0.0.1", port: port)
            .wait()
    }

    /// Starts a server on `port` again after another one there stopped, as a restarted receiver would:
    /// while the port is taken (by a connection of another test that the kernel gave it as its local
    /// port, say), tries again until `deadline`.
    public static func restart(
        on port: Int, until deadline: ContinuousClock.Instant = .now + .seconds(30), handler: @escaping Handler
    ) async throws -> LoopbackHTTPServer {
        while true {
            do {
                return try LoopbackHTTPServer(port: port, handler: handler)
            } catch let error as IOError where error.errnoCode == EADDRINUSE && ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(50))
            }
        }
    }

    /// Stops listening and closes every connection.
    public func shutdown() throws {
        try channel.close().wait()
        try group.syncShutdownGracefully()
    }

    private final class RequestHandler: ChannelInboundHandler, @unchecked Sendable {
        // Only touched on its channel's event loop, as NIO guarantees for handlers.
        typealias InboundIn = HTTPServerRequestPart
        typealias OutboundOut = HTTPServerResponsePart

        let connection: Int
        let handler: Handler
        let record: @Sendable (Request) -> Void
        var head: HTTPRequestHead?
        var body: [UInt8] = []

        init(connection: Int, handler: @escaping Handler, record: @escaping @Sendable (Request) -> Void) {
            self.connection = connection
            self.handler = handler
            self.record = record
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            switch unwrapInboundIn(data) {
            case .head(let requestHead):
                head = requestHead
                body = []
            case .body(let buffer):
                body += buffer.readableBytesView
            case .end:
                guard let head else { return }
                let request = Request(method: head.method.rawValue, uri: head.uri, headers: head.headers.map { ($0.name, $0.value) }, body: body,
                                      connection: connection)
                record(request)
                guard let response = handler(request) else { return }
                var headers = HTTPHeaders(response.headers)
                headers.replaceOrAdd(name: "Content-Length", value: String(response.body.count))
                let status = HTTPResponseStatus(statusCode: response.status)
                context.write(wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: status, headers: headers))), promise: nil)
                context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(bytes: response.body)))), promise: nil)
                context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
            }
        }
    }
}
