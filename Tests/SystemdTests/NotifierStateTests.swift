import Foundation
import Testing
@testable import Systemd

/// The state-change conveniences, through a real unix datagram socket as NOTIFY_SOCKET. They belong to
/// the serialized ``NotifierTests`` suite because every test there sets the same variable.
extension NotifierTests {
    /// Sets NOTIFY_SOCKET to a fresh listener for the duration of `body`.
    private func withListener(_ body: (DatagramListener) throws -> Void) throws {
        let listener = try DatagramListener()
        setenv("NOTIFY_SOCKET", listener.path, 1)
        defer { unsetenv("NOTIFY_SOCKET") }
        try body(listener)
    }

    @Test("ready sends READY=1, with the status when given")
    func ready() throws {
        try withListener { listener in
            #expect(try Notifier().ready() == true)
            #expect(try listener.receive() == "READY=1")
            try Notifier().ready(status: "12 goals, 1 firing")
            #expect(try listener.receive() == "READY=1\nSTATUS=12 goals, 1 firing")
        }
    }

    @Test("reloading sends RELOADING=1 with the CLOCK_MONOTONIC time in microseconds")
    func reloading() throws {
        try withListener { listener in
            let before = MonotonicClock.microseconds()
            try Notifier().reloading(status: "reloading goalwatch.yml")
            let after = MonotonicClock.microseconds()
            let lines = try listener.receive().split(separator: "\n").map(String.init)
            #expect(lines.count == 3)
            #expect(lines.first == "RELOADING=1")
            #expect(lines.last == "STATUS=reloading goalwatch.yml")
            let sent = try #require(lines.dropFirst().first.flatMap { line -> UInt64? in
                guard line.hasPrefix("MONOTONIC_USEC=") else { return nil }
                return UInt64(line.dropFirst("MONOTONIC_USEC=".count))
            })
            #expect(sent >= before && sent <= after)
        }
    }

    @Test("CLOCK_MONOTONIC microseconds agree with clock_gettime and never go back")
    func monotonicClock() {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        let reference = UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1_000
        let first = MonotonicClock.microseconds()
        let second = MonotonicClock.microseconds()
        #expect(first >= reference && first - reference < 1_000_000)
        #expect(second >= first)
    }

    @Test("stopping, watchdog and extendTimeout send their assignments")
    func stoppingWatchdogExtend() throws {
        try withListener { listener in
            try Notifier().stopping(status: "finishing deliveries")
            #expect(try listener.receive() == "STOPPING=1\nSTATUS=finishing deliveries")
            try Notifier().watchdog()
            #expect(try listener.receive() == "WATCHDOG=1")
            try Notifier().extendTimeout(by: .milliseconds(2500))
            #expect(try listener.receive() == "EXTEND_TIMEOUT_USEC=2500000")
        }
    }

    @Test("a status is one line: line breaks become spaces, so they cannot start another assignment")
    func statusIsOneLine() throws {
        try withListener { listener in
            try Notifier().status("config refused:\nREADY=1\r\nsee journal")
            #expect(try listener.receive() == "STATUS=config refused: READY=1 see journal")
        }
    }

    @Test("outside systemd the conveniences are no-ops")
    func conveniencesWithoutSocket() throws {
        unsetenv("NOTIFY_SOCKET")
        #expect(try Notifier().ready(status: "x") == false)
        #expect(try Notifier().reloading() == false)
        #expect(try Notifier().stopping() == false)
        #expect(try Notifier().watchdog() == false)
    }
}
