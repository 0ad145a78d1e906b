import NIOCore
import NIOHTTP1

/// NIO's HTTP/1 response decoder for connections whose requests are written as bytes
/// (``HTTP1Request``): it passes those writes on untouched, and tells the decoder of a `POST` for each,
/// which it needs to know a response is expected and whether it has a body.
struct WebhookResponseDecoder: WriteObservingByteToMessageDecoder {
    typealias InboundOut = HTTPClientResponsePart
    typealias OutboundIn = ByteBuffer

    private static let post = HTTPClientRequestPart.head(HTTPRequestHead(version: .http1_1, method: .POST, uri: "/"))
    private let decoder = HTTPResponseDecoder(leftOverBytesStrategy: .dropBytes)

    func write(data: ByteBuffer) {
        decoder.write(data: Self.post)
    }

    func decoderAdded(context: ChannelHandlerContext) {
        decoder.decoderAdded(context: context)
    }

    func decoderRemoved(context: ChannelHandlerContext) {
        decoder.decoderRemoved(context: context)
    }

    func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        try decoder.decode(context: context, buffer: &buffer)
    }

    func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        try decoder.decodeLast(context: context, buffer: &buffer, seenEOF: seenEOF)
    }
}
