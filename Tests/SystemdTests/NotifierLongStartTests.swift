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
            try (0..<3).map { _ in try Self.receiveOwn(listener) }
        }
        try Notifier().notify(["MARK=1"])

        #expect(seen == ["STATUS=migrating the store", "EXTEND_TIMEOUT_USEC=90000000", "EXTEND_TIMEOUT_USEC=90000000"])
        // After the step, at most the renewals already on their way, then nothing but our own mark.
        var after: [String] = []
        while let message = Optional(try Self.receiveOwn(listener)), message != "MARK=1" { after.append(message) }
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
        #expect(try Self.receiveOwn(listener) == "MARK=1")
    }

    /// The next message these tests send: the step's status, its renewals or the mark. Other suites in
    /// the process may run a daemon that notifies through the same variable meanwhile; their messages
    /// are skipped.
    private static func receiveOwn(_ listener: DatagramListener) throws -> String {
        while true {
            let message = try listener.receive()
            if message == "STATUS=migrating the store" || message.hasPrefix("EXTEND_TIMEOUT_USEC=") || message == "MARK=1" {
                return message
            }
        }
    }
}
