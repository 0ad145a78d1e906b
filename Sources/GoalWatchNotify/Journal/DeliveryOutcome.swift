/// What became of a delivery attempt of a notification, as the journal records it.
public enum DeliveryOutcome: Sendable, Hashable {
    /// The receiver accepted the notification at attempt `attempt` (the first is 1).
    case notified(attempt: Int)
    /// Attempt `attempt` failed with `error`; the notification stays in the outbox for a retry.
    case failed(attempt: Int, error: String)
    /// Delivery was given up after `attempts` attempts, the last failing with `error`; the notification
    /// went to the dead-letter table.
    case deadLettered(attempts: Int, error: String)

    /// The entry's kind.
    public var event: JournalEvent {
        switch self {
        case .notified: .notified
        case .failed: .notifyFailed
        case .deadLettered: .deadLetter
        }
    }

    /// The attempt the entry is about: the successful or failed one, or the last one before giving up.
    public var attempt: Int {
        switch self {
        case .notified(let attempt), .failed(let attempt, _), .deadLettered(let attempt, _): attempt
        }
    }

    /// Why the attempt failed; `nil` when it succeeded.
    public var error: String? {
        switch self {
        case .notified: nil
        case .failed(_, let error), .deadLettered(_, let error): error
        }
    }
}
