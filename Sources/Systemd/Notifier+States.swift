/// The state changes of DESIGN §10, each as one sd_notify(3) message.
///
/// Every method is a no-op returning `false` outside systemd (no `$NOTIFY_SOCKET`), returns `true` when the
/// service manager received the message, and throws ``NotifyError`` only when the socket is set but the
/// message could not be sent. A `status` is one line: line breaks in it are replaced by spaces, since a
/// line break would end the `STATUS=` assignment and start another.
extension Notifier {
    /// `READY=1`: start-up (or a reload) is complete; with a `status`, also `STATUS=`.
    @discardableResult
    public func ready(status: String? = nil) throws(NotifyError) -> Bool {
        try notify(["READY=1"] + Self.statusAssignment(status))
    }

    /// `RELOADING=1` with `MONOTONIC_USEC=` set to ``MonotonicClock/microseconds()``: a reload began.
    ///
    /// Send ``ready(status:)`` when it is over, whether the new configuration was taken or refused.
    @discardableResult
    public func reloading(status: String? = nil) throws(NotifyError) -> Bool {
        try notify(Self.reloadingAssignments(monotonicMicroseconds: MonotonicClock.microseconds()) + Self.statusAssignment(status))
    }

    /// `STOPPING=1`: shutdown began; systemd waits for the process to exit, up to `TimeoutStopSec=`.
    @discardableResult
    public func stopping(status: String? = nil) throws(NotifyError) -> Bool {
        try notify(["STOPPING=1"] + Self.statusAssignment(status))
    }

    /// `STATUS=`: the one-line summary `systemctl status` shows.
    @discardableResult
    public func status(_ text: String) throws(NotifyError) -> Bool {
        try notify(Self.statusAssignment(text))
    }

    /// `WATCHDOG=1`: the process is healthy; see ``Watchdog`` for how often.
    @discardableResult
    public func watchdog() throws(NotifyError) -> Bool {
        try notify(["WATCHDOG=1"])
    }

    /// `EXTEND_TIMEOUT_USEC=`: asks for `duration` more before the start, reload or stop timeout fires,
    /// counted from now (for a shutdown that waits on in-flight deliveries longer than expected).
    @discardableResult
    public func extendTimeout(by duration: Duration) throws(NotifyError) -> Bool {
        try notify(["EXTEND_TIMEOUT_USEC=\(Self.microseconds(duration))"])
    }

    /// The assignments of ``reloading(status:)`` for a given clock reading.
    static func reloadingAssignments(monotonicMicroseconds: UInt64) -> [String] {
        ["RELOADING=1", "MONOTONIC_USEC=\(monotonicMicroseconds)"]
    }

    /// `STATUS=` with line breaks replaced by spaces, or nothing for `nil`.
    static func statusAssignment(_ status: String?) -> [String] {
        guard let status else { return [] }
        let line = String(status.map { $0.isNewline ? " " : $0 })
        return ["STATUS=\(line)"]
    }

    /// Whole microseconds in `duration`, negative durations as 0.
    static func microseconds(_ duration: Duration) -> UInt64 {
        let (seconds, attoseconds) = duration.components
        guard seconds >= 0 else { return 0 }
        return UInt64(seconds) * 1_000_000 + UInt64(attoseconds / 1_000_000_000_000)
    }
}
