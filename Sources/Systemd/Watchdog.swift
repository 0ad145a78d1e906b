import CSystemd

/// The service manager's watchdog for this process (`WatchdogSec=` in the unit, sd_watchdog_enabled(3)).
///
/// systemd kills and, with `Restart=on-failure`, restarts a service that does not send `WATCHDOG=1`
/// (``Notifier/watchdog()``) within ``interval``. DESIGN §10: the evaluation loop pings every
/// ``pingPeriod``, half the interval, and only while it is healthy.
public struct Watchdog: Sendable, Hashable {
    /// The longest time systemd waits between two pings (`$WATCHDOG_USEC`), at microsecond precision.
    public var interval: Duration

    /// A watchdog whose pings are due within `interval`.
    public init(interval: Duration) {
        self.interval = interval
    }

    /// How often to ping: half of ``interval``, so one late ping does not trip the watchdog.
    public var pingPeriod: Duration { interval / 2 }

    /// The watchdog systemd set up for this process, or `nil` when there is none.
    ///
    /// There is none when `$WATCHDOG_USEC` is unset, and when `$WATCHDOG_PID` names another process (a child
    /// that inherited its parent's environment must not ping on the parent's behalf). Reads the environment
    /// only; does not block.
    ///
    /// - Parameter unsettingEnvironment: also remove `WATCHDOG_USEC` and `WATCHDOG_PID` from the environment,
    ///   so processes started later do not inherit them. Not thread-safe: call it before starting threads
    ///   that read the environment.
    /// - Throws: ``WatchdogError`` when the variables are set but malformed (a zero or non-numeric
    ///   `$WATCHDOG_USEC`, a non-numeric `$WATCHDOG_PID`).
    public static func current(unsettingEnvironment: Bool = false) throws(WatchdogError) -> Watchdog? {
        var microseconds: UInt64 = 0
        let result = sd_watchdog_enabled(unsettingEnvironment ? 1 : 0, &microseconds)
        if result < 0 { throw WatchdogError(errno: -result) }
        guard result > 0, microseconds > 0 else { return nil }
        return Watchdog(interval: .microseconds(microseconds))
    }
}

/// sd_watchdog_enabled(3) found `$WATCHDOG_USEC` or `$WATCHDOG_PID` set to something it cannot use.
public struct WatchdogError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The errno sd_watchdog_enabled(3) returned (`EINVAL` for a malformed value).
    public var errno: Int32

    /// Wraps the errno of a failed sd_watchdog_enabled(3).
    public init(errno: Int32) {
        self.errno = errno
    }

    public var description: String {
        "WATCHDOG_USEC or WATCHDOG_PID is malformed (sd_watchdog_enabled failed with errno \(errno)); "
            + "the service manager sets them from WatchdogSec= and the main PID"
    }
}
