import Foundation
import Testing
@testable import Systemd

/// ``Notifier/extendingStartTimeout(status:after:renewal:by:during:)`` through a real datagram socket as
/// NOTIFY_SOCKET; part of the serialized ``NotifierTests`` suite, which owns that variable.
extension NotifierTests {
    @Test("a long step of the start says so in STATUS and renews EXTEND_TIMEOUT_USEC until it returns")
    func longStartStepExtendsTheTimeout() throws {
        let listener = try DatagramListener()
        setenv("NOTIFY_SOCKET", listener.path, 1)
        defer { unsetenv("NOTIFY_SOCKET") }

        // The step lasts until the listener has seen the status and two renewals.
        let seen = try Notifier().extendingStartTimeout(
            status: "migrating the store", after: .zero, renewal: .milliseconds(20), by: .seconds(90)
        ) {
            try (0..<3).map { _ in try listener.receive() }
        }
        try Notifier().notify(["MARK=1"])

        #expect(seen == ["STATUS=migrating the store", "EXTEND_TIMEOUT_USEC=90000000", "EXTEND_TIMEOUT_USEC=90000000"])
        // After the step, at most the renewals already on their way, then nothing but our own mark.
        var after: [String] = []
        while let message = Optional(try listener.receive()), message != "MARK=1" { after.append(message) }
        #expect(after.allSatisfy { $0 == "EXTEND_TIMEOUT_USEC=90000000" })
    }

    @Test("a step that ends before the delay sends nothing")
    func shortStartStepSendsNothing() throws {
        let listener = try DatagramListener()
        setenv("NOTIFY_SOCKET", listener.path, 1)
        defer { unsetenv("NOTIFY_SOCKET") }

        let value = Notifier().extendingStartTimeout(status: "migrating the store", after: .seconds(60)) { 42 }
        try Notifier().notify(["MARK=1"])

        #expect(value == 42)
        #expect(try listener.receive() == "MARK=1")
    }
}
