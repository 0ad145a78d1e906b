import Foundation
import Testing
@testable import Systemd

@Suite("sd_notify", .serialized)
struct NotifierTests {
    @Test("without NOTIFY_SOCKET nothing is sent and nothing fails")
    func noSocketIsANoOp() throws {
        unsetenv("NOTIFY_SOCKET")
        #expect(try Notifier().notify(["READY=1"]) == false)
    }

    @Test("a listening socket receives the assignments as one datagram")
    func sendsToSocket() throws {
        let listener = try DatagramListener()
        setenv("NOTIFY_SOCKET", listener.path, 1)
        defer { unsetenv("NOTIFY_SOCKET") }
        #expect(try Notifier().notify(["READY=1", "STATUS=3 goals on track"]) == true)
        #expect(try listener.receive() == "READY=1\nSTATUS=3 goals on track")
    }
}
