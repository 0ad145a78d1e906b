import NIOCore
import NIOHTTP1

/// A webhook's `POST` as the bytes HTTP/1.1 sends: request line, headers and body in one buffer.
///
/// The request is written on the thread that starts the attempt (the delivery worker's), so the event
/// loop only hands the buffer to the socket: no encoder in the connection's pipeline, one write per
/// request.
enum HTTP1Request {
    /// A header that would change the request's framing if sent: a name that is not an HTTP token, or a
    /// value holding CR, LF or NUL. Only the name is kept: values may be secrets.
    struct InvalidHeader: Error, Equatable {
        var name: String
    }

    /// `POST target HTTP/1.1`, `headers` in order, a blank line and `body`.
    ///
    /// - Throws: ``InvalidHeader`` for the first header that cannot be sent as it is.
    static func post(target: String, headers: HTTPHeaders, body: ByteBuffer) throws(InvalidHeader) -> ByteBuffer {
        var size = target.utf8.count + 16 + body.readableBytes
        for (name, value) in headers {
            guard isToken(name) else { throw InvalidHeader(name: name) }
            guard isFieldValue(value) else { throw InvalidHeader(name: name) }
            size += name.utf8.count + value.utf8.count + 4
        }
        var buffer = ByteBuffer()
        buffer.reserveCapacity(size)
        buffer.writeStaticString("POST ")
        buffer.writeString(target)
        buffer.writeStaticString(" HTTP/1.1\r\n")
        for (name, value) in headers {
            buffer.writeString(name)
            buffer.writeStaticString(": ")
            buffer.writeString(value)
            buffer.writeStaticString("\r\n")
        }
        buffer.writeStaticString("\r\n")
        var body = body
        buffer.writeBuffer(&body)
        return buffer
    }

    /// Whether `name` is an HTTP token (RFC 9110 §5.6.2): letters, digits and ``!#$%&'*+-.^_`|~``.
    static func isToken(_ name: String) -> Bool {
        !name.isEmpty
            && name.utf8.allSatisfy { byte in
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                    return true
                default:
                    return "!#$%&'*+-.^_`|~".utf8.contains(byte)
                }
            }
    }

    /// Whether `value` can be sent as a field value: no CR, LF or NUL, which would end it early.
    static func isFieldValue(_ value: String) -> Bool {
        !value.utf8.contains { $0 == UInt8(ascii: "\r") || $0 == UInt8(ascii: "\n") || $0 == 0 }
    }
}
