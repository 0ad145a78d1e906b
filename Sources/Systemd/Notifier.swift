import CSystemd

/// Sends state changes to the service manager over `$NOTIFY_SOCKET` (sd_notify(3)).
///
/// Outside systemd (no `NOTIFY_SOCKET`), every call is a cheap no-op, so the daemon can call it
/// unconditionally.
public struct Notifier: Sendable {
    public init() {}

    /// Sends newline-separated `KEY=value` assignments, e.g. `["READY=1", "STATUS=3 goals"]`.
    ///
    /// - Returns: `true` when a service manager received the message, `false` when none listens.
    /// - Throws: ``NotifyError`` when the socket is set but the message could not be sent.
    @discardableResult
    public func notify(_ assignments: [String]) throws(NotifyError) -> Bool {
        let result = sd_notify(0, assignments.joined(separator: "\n"))
        if result < 0 { throw NotifyError(errno: -result) }
        return result > 0
    }
}

/// sd_notify(3) failed with the given errno.
public struct NotifyError: Error, Sendable, CustomStringConvertible {
    public var errno: Int32

    public var description: String { "sd_notify failed with errno \(errno)" }
}
