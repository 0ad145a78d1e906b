// A webhook receiver for the notification benchmark: answers every request 200 with an empty body,
// keeps connections open, and counts the requests.
//
//     notify-bench-sink --port 0 --expect 10000
//
// Prints `listening PORT` once it accepts connections, `first T` at the first request and
// `received N T` when the N-th request (--expect) has been read in full, T in Unix seconds.
// `GET /stats` answers `{"requests": R, "first": T, "last": T}` (T of the first and latest request; not counted).
// One event-loop thread: the systems under test get the rest of the machine.
import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix

struct Tally: Sendable {
    var requests = 0
    var first: Double?
    var last: Double?
}

final class SinkHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    let tally: NIOLockedValueBox<Tally>
    let expect: Int
    /// Whether the request being read is `GET /stats`.
    var isStats = false

    init(tally: NIOLockedValueBox<Tally>, expect: Int) {
        self.tally = tally
        self.expect = expect
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            isStats = head.method == .GET && head.uri == "/stats"
        case .body:
            break
        case .end:
            var body = ByteBuffer()
            if isStats {
                let current = tally.withLockedValue { $0 }
                body = context.channel.allocator.buffer(string: """
                    {"requests": \(current.requests), "first": \(current.first ?? 0), "last": \(current.last ?? 0)}
                    """)
            } else {
                let now = Date().timeIntervalSince1970
                let count = tally.withLockedValue { tally -> Int in
                    tally.requests += 1
                    if tally.first == nil { tally.first = now }
                    tally.last = now
                    return tally.requests
                }
                if count == 1 { say("first \(String(format: "%.6f", now))") }
                if count == expect { say("received \(count) \(String(format: "%.6f", now))") }
            }
            var headers = HTTPHeaders()
            headers.add(name: "Content-Length", value: String(body.readableBytes))
            context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .ok, headers: headers))), promise: nil)
            if body.readableBytes > 0 { context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil) }
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        }
    }
}

func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

func option(_ name: String, default value: Int) -> Int {
    let arguments = CommandLine.arguments
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count, let parsed = Int(arguments[index + 1]) else {
        return value
    }
    return parsed
}

let port = option("--port", default: 0)
let expect = option("--expect", default: 10_000)
let tally = NIOLockedValueBox(Tally())
let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
let bootstrap = ServerBootstrap(group: group)
    .serverChannelOption(ChannelOptions.backlog, value: 1024)
    .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
    .childChannelOption(ChannelOptions.socketOption(.tcp_nodelay), value: 1)
    .childChannelInitializer { channel in
        channel.eventLoop.makeCompletedFuture {
            try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
            try channel.pipeline.syncOperations.addHandler(SinkHandler(tally: tally, expect: expect))
        }
    }
let channel = try bootstrap.bind(host: "127.0.0.1", port: port).wait()
say("listening \(channel.localAddress?.port ?? 0)")
try channel.closeFuture.wait()
