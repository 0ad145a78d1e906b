import GoalWatchNotify
import Logging
import Systemd

extension Logger.Metadata {
    /// `fields`, marked as a journal event of `kind`: `GOALWATCH_EVENT` and the catalog's `MESSAGE_ID`
    /// in journald (`journalctl -x` explains it), `event=` and `message_id=` in logfmt.
    static func event(_ kind: JournalEvent, _ fields: Logger.Metadata = [:]) -> Logger.Metadata {
        fields.merging(["event": .string(kind.rawValue), JournalLogHandler.messageIDKey: .string(kind.messageID)]) { $1 }
    }
}
