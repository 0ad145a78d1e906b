import NIOCore
import NIOHTTP1
import NIOTLS

/// Carries one request at a time over an HTTP/1.1 connection and completes its promise with the
/// response, or with the reason there is none: a timeout, the connection closing, a network or TLS error.
/// The response body is read and dropped, so the connection can carry the next request.
///
/// On a TLS connection it also reports the handshake: `ready` succeeds once it is complete, or fails
/// with its error (an untrusted certificate), so that the error is the request's and not a closed
/// connection's.
final class WebhookExchangeHandler: ChannelDuplexHandler {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundIn = Exchange
    typealias OutboundOut = ByteBuffer

    /// A request to send and where its response goes.
    struct Exchange: Sendable {
        /// The whole request, as ``HTTP1Request`` writes it.
        var request: ByteBuffer
        /// When the response must be complete; past it the connection is closed.
        var deadline: NIODeadline
        var response: EventLoopPromise<WebhookResponse>
    }

    private var pending: EventLoopPromise<WebhookResponse>?
    private var head: HTTPResponseHead?
    private var timeout: Scheduled<Void>?
    private var ready: EventLoopPromise<Void>?

    /// - Parameter ready: completed when the TLS handshake ends (TLS connections only).
    init(ready: EventLoopPromise<Void>? = nil) {
        self.ready = ready
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let exchange = unwrapOutboundIn(data)
        guard pending == nil else {
            exchange.response.fail(ChannelError.inappropriateOperationForState)
            promise?.fail(ChannelError.inappropriateOperationForState)
            return
        }
        pending = exchange.response
        head = nil
        let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
        timeout = context.eventLoop.assumeIsolated().scheduleTask(deadline: exchange.deadline) { [weak self] in
            self?.complete(.failure(WebhookRequestError.timedOut))
            loopBound.value.close(promise: nil)
        }
        guard context.channel.isActive else {
            complete(.failure(WebhookRequestError.connectionClosed(beforeResponse: true)))
            promise?.fail(ChannelError.ioOnClosedChannel)
            return
        }
        context.writeAndFlush(wrapOutboundOut(exchange.request), promise: promise)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let response):
            head = response
        case .body:
            break
        case .end:
            guard let head else { return }
            complete(.success(WebhookResponse(status: head.status, headers: head.headers, keepAlive: head.isKeepAlive)))
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case TLSUserEvent.handshakeCompleted = event {
            ready?.succeed()
            ready = nil
        }
        context.fireUserInboundEventTriggered(event)
    }

    func channelInactive(context: ChannelHandlerContext) {
        ready?.fail(WebhookRequestError.connectionClosed(beforeResponse: true))
        ready = nil
        complete(.failure(WebhookRequestError.connectionClosed(beforeResponse: head == nil)))
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        ready?.fail(error)
        ready = nil
        complete(.failure(error))
        context.close(promise: nil)
    }

    /// Completes the request in flight, once.
    private func complete(_ result: Result<WebhookResponse, any Error>) {
        guard let promise = pending else { return }
        pending = nil
        timeout?.cancel()
        timeout = nil
        promise.completeWith(result)
    }
}
