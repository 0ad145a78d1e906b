#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Why an entry could not be written to the journal.
public enum JournalError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A field name journald would refuse (see ``JournalField/isValidName(_:)``); nothing was sent.
    case invalidFieldName(String)
    /// sd_journal_sendv(3) failed with this errno, e.g. `ENOENT` when no journald listens on
    /// `/run/systemd/journal/socket`.
    case sendFailed(errno: Int32)

    /// What went wrong, in one sentence.
    public var description: String {
        switch self {
        case .invalidFieldName(let name):
            return "journal field name \"\(name)\" is invalid: use 1 to 64 of A-Z, 0-9 and _, not starting with a digit or _"
        case .sendFailed(let errno):
            return "writing to the journal failed: \(String(cString: strerror(errno))) (errno \(errno))"
        }
    }
}
