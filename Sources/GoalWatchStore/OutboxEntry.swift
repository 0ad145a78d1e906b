import GoalWatchCore

/// A notification waiting in the outbox for delivery to one receiver.
public struct OutboxEntry: Sendable, Hashable {
    /// Stable per notification; the `Idempotency-Key` of every attempt.
    public var id: String
    /// The receiver's name.
    public var receiver: String
    /// The receiver told when this notification is given up, if any.
    public var fallbackReceiver: String?
    /// The encoded notification.
    public var body: String
    /// When it was put in the outbox; `max_age` counts from here.
    public var createdAt: Timestamp
    /// The earliest time of the next attempt.
    public var nextAttemptAt: Timestamp
    /// Attempts made so far.
    public var attempts: Int
    /// Why the last attempt failed, if one did (never contains a secret).
    public var lastError: String?

    public init(
        id: String, receiver: String, fallbackReceiver: String? = nil, body: String, createdAt: Timestamp,
        nextAttemptAt: Timestamp? = nil, attempts: Int = 0, lastError: String? = nil
    ) {
        self.id = id
        self.receiver = receiver
        self.fallbackReceiver = fallbackReceiver
        self.body = body
        self.createdAt = createdAt
        self.nextAttemptAt = nextAttemptAt ?? createdAt
        self.attempts = attempts
        self.lastError = lastError
    }
}

/// A notification given up after `max_age` or a permanent refusal.
public struct DeadLetter: Sendable, Hashable {
    /// The notification's id.
    public var id: String
    /// The receiver it was meant for.
    public var receiver: String
    /// The encoded notification.
    public var body: String
    /// When it was put in the outbox.
    public var createdAt: Timestamp
    /// When it was given up.
    public var deadAt: Timestamp
    /// Attempts made.
    public var attempts: Int
    /// Why the last attempt failed.
    public var lastError: String

    public init(id: String, receiver: String, body: String, createdAt: Timestamp, deadAt: Timestamp, attempts: Int, lastError: String) {
        self.id = id
        self.receiver = receiver
        self.body = body
        self.createdAt = createdAt
        self.deadAt = deadAt
        self.attempts = attempts
        self.lastError = lastError
    }
}

/// A silence as stored: its encoded form under its id, with its end for expiry queries.
public struct SilenceRecord: Sendable, Hashable {
    /// The silence's id.
    public var id: String
    /// The encoded silence.
    public var body: String
    /// When it ends.
    public var endsAt: Timestamp

    public init(id: String, body: String, endsAt: Timestamp) {
        self.id = id
        self.body = body
        self.endsAt = endsAt
    }
}
