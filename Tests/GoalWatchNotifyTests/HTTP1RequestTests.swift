import NIOCore
import NIOHTTP1
import Testing

@testable import GoalWatchNotify

/// A webhook's request written as HTTP/1.1 bytes, and the headers that cannot be written.
@Suite struct HTTP1RequestTests {
    @Test func aPostIsTheRequestLineTheHeadersInOrderABlankLineAndTheBody() throws {
        let headers: HTTPHeaders = ["Host": "hooks.example:8443", "Content-Type": "application/json", "Content-Length": "7"]
        let bytes = try HTTP1Request.post(target: "/hook?x=1", headers: headers, body: ByteBuffer(string: #"{"a":1}"#))
        #expect(String(buffer: bytes) == "POST /hook?x=1 HTTP/1.1\r\nHost: hooks.example:8443\r\nContent-Type: application/json\r\nContent-Length: 7\r\n\r\n{\"a\":1}")
    }

    @Test(arguments: [
        ("X-Token", "a\r\nX-Injected: 1"), ("X-Token", "a\nb"), ("X-Token", "a\u{0}b"),
        ("X Token", "a"), ("X-Token:", "a"), ("", "a"), ("X-Tökén", "a"),
    ])
    func aHeaderThatWouldChangeTheFramingIsRefusedByName(name: String, value: String) {
        #expect(throws: HTTP1Request.InvalidHeader(name: name)) {
            try HTTP1Request.post(target: "/", headers: HTTPHeaders([(name, value)]), body: ByteBuffer())
        }
    }

    @Test func valuesMayHoldTabsQuotesAndNonASCIIText() throws {
        let bytes = try HTTP1Request.post(target: "/", headers: HTTPHeaders([("X-Note", "\"quoted\"\tcafé")]), body: ByteBuffer())
        #expect(String(buffer: bytes).contains("X-Note: \"quoted\"\tcafé\r\n"))
    }
}
