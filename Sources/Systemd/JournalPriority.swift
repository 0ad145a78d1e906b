/// The syslog priority of a journal entry, its `PRIORITY` field: 0 is the most severe, 7 the least.
public enum JournalPriority: Int, Sendable, Hashable {
    /// The system is unusable.
    case emergency = 0
    /// Action must be taken immediately.
    case alert = 1
    /// Critical conditions.
    case critical = 2
    /// Error conditions.
    case error = 3
    /// Warning conditions.
    case warning = 4
    /// Normal but significant conditions.
    case notice = 5
    /// Informational messages.
    case info = 6
    /// Debugging messages.
    case debug = 7

    /// The `PRIORITY` field carrying this priority.
    public var field: JournalField { JournalField("PRIORITY", String(rawValue)) }
}
