import GoalWatchCore
import Systemd

/// Writes GoalWatch's alert and delivery entries (DESIGN §9) to the journal.
///
/// Each call sends one entry built by ``AlertJournalEntry`` through ``Journal/send(_:)``; it blocks only
/// while the datagram is handed to the kernel.
public enum AlertJournal {
    /// Records one alert transition.
    ///
    /// - Throws: ``JournalError`` when journald could not be reached or refused the entry.
    public static func record(_ transition: AlertTransition) throws(JournalError) {
        try Journal.send(AlertJournalEntry.transition(transition))
    }

    /// Records one delivery outcome of `notification` to its receiver.
    ///
    /// - Throws: ``JournalError`` when journald could not be reached or refused the entry.
    public static func record(_ outcome: DeliveryOutcome, of notification: Notification) throws(JournalError) {
        try Journal.send(AlertJournalEntry.delivery(outcome, of: notification))
    }

    /// Records a delivery event of the outbox worker.
    ///
    /// - Throws: ``JournalError`` when journald could not be reached or refused the entry.
    public static func record(_ event: DeliveryEvent) throws(JournalError) {
        try record(event.outcome, of: event.notification)
    }
}
