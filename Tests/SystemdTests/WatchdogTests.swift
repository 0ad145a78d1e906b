import Foundation
import Testing
@testable import Systemd

/// sd_watchdog_enabled(3) reads WATCHDOG_USEC and WATCHDOG_PID of this process, so these tests set them
/// with setenv and run one at a time.
@Suite("watchdog", .serialized)
struct WatchdogTests {
    init() { Self.clear() }

    static func clear() {
        unsetenv("WATCHDOG_USEC")
        unsetenv("WATCHDOG_PID")
    }

    @Test("without WATCHDOG_USEC there is no watchdog")
    func noVariableNoWatchdog() throws {
        #expect(try Watchdog.current() == nil)
    }

    @Test("WATCHDOG_USEC alone gives the interval, and pings are due at half of it")
    func intervalAndPingPeriod() throws {
        defer { Self.clear() }
        setenv("WATCHDOG_USEC", "30000000", 1)
        let watchdog = try #require(try Watchdog.current())
        #expect(watchdog.interval == .seconds(30))
        #expect(watchdog.pingPeriod == .seconds(15))
    }

    @Test("microsecond intervals are kept exactly")
    func microsecondPrecision() throws {
        defer { Self.clear() }
        setenv("WATCHDOG_USEC", "1500001", 1)
        let watchdog = try #require(try Watchdog.current())
        #expect(watchdog.interval == .microseconds(1_500_001))
        #expect(watchdog.pingPeriod == .nanoseconds(750_000_500))
    }

    @Test("WATCHDOG_PID naming this process enables the watchdog")
    func ownProcessID() throws {
        defer { Self.clear() }
        setenv("WATCHDOG_USEC", "4000000", 1)
        setenv("WATCHDOG_PID", "\(getpid())", 1)
        #expect(try Watchdog.current() == Watchdog(interval: .seconds(4)))
    }

    @Test("WATCHDOG_PID naming another process means no watchdog for this one")
    func otherProcessID() throws {
        defer { Self.clear() }
        setenv("WATCHDOG_USEC", "4000000", 1)
        setenv("WATCHDOG_PID", "\(getppid())", 1)
        #expect(try Watchdog.current() == nil)
    }

    @Test("malformed values are errors, not a silently missing watchdog", arguments: [
        ("abc", nil), ("0", nil), ("30000000", "not-a-pid"),
    ] as [(String, String?)])
    func malformed(usec: String, pid: String?) throws {
        defer { Self.clear() }
        setenv("WATCHDOG_USEC", usec, 1)
        if let pid { setenv("WATCHDOG_PID", pid, 1) }
        let error = try #require(throws: WatchdogError.self) { try Watchdog.current() }
        #expect(error.errno == EINVAL)
        #expect(error.description.contains("WATCHDOG_USEC"))
    }

    @Test("unsetting the environment hides the watchdog from processes started later")
    func unsettingEnvironment() throws {
        defer { Self.clear() }
        setenv("WATCHDOG_USEC", "30000000", 1)
        setenv("WATCHDOG_PID", "\(getpid())", 1)
        #expect(try Watchdog.current(unsettingEnvironment: true) == Watchdog(interval: .seconds(30)))
        #expect(getenv("WATCHDOG_USEC") == nil)
        #expect(getenv("WATCHDOG_PID") == nil)
    }
}
