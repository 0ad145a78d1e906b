import GoalWatchCore

/// One pending or firing alert of the rule engine, as JSON under a key naming its rule and labels.
///
/// The store does not interpret ``body``: the engine's own encoding is what is restored.
public struct AlertStateRecord: Sendable, Hashable {
    /// The rule (or goal) and label set, unique per alert.
    public var key: String
    /// The encoded state.
    public var body: String

    public init(key: String, body: String) {
        self.key = key
        self.body = body
    }
}

/// One alert as the router holds it, firing or resolved, as JSON under its fingerprint.
public struct RouterAlertRecord: Sendable, Hashable {
    /// The alert's fingerprint (16 hex digits).
    public var fingerprint: String
    /// The encoded alert.
    public var body: String
    /// When it resolved; `nil` while it fires.
    public var resolvedAt: Timestamp?

    public init(fingerprint: String, body: String, resolvedAt: Timestamp?) {
        self.fingerprint = fingerprint
        self.body = body
        self.resolvedAt = resolvedAt
    }
}

/// What one aggregation group last told one receiver (Alertmanager's notification log entry).
public struct NotificationLogEntry: Sendable, Hashable {
    /// The group's key.
    public var groupKey: String
    /// The receiver's name.
    public var receiver: String
    /// Fingerprints of the alerts notified as firing.
    public var firing: Set<String>
    /// Fingerprints of the alerts notified as resolved.
    public var resolved: Set<String>
    /// When the notification was made.
    public var notifiedAt: Timestamp

    public init(groupKey: String, receiver: String, firing: Set<String>, resolved: Set<String>, notifiedAt: Timestamp) {
        self.groupKey = groupKey
        self.receiver = receiver
        self.firing = firing
        self.resolved = resolved
        self.notifiedAt = notifiedAt
    }
}

/// What identifies a notification-log entry: the group and the receiver told.
public struct NotificationLogKey: Sendable, Hashable {
    /// The group's key.
    public var groupKey: String
    /// The receiver's name.
    public var receiver: String

    public init(groupKey: String, receiver: String) {
        self.groupKey = groupKey
        self.receiver = receiver
    }
}

/// Changes to the alerting tables applied together in one transaction: either all of them are
/// durable or none is.
///
/// The rule engine's transitions and the router alerts they change go in one change; a group's flush
/// writes its notifications and notification-log entries in one change, so a crash never leaves a
/// notification without its log entry or the other way round.
public struct AlertingChange: Sendable {
    /// Alert states to insert or replace.
    public var savedStates: [AlertStateRecord] = []
    /// Keys of alert states to delete.
    public var deletedStates: [String] = []
    /// Router alerts to insert or replace.
    public var savedAlerts: [RouterAlertRecord] = []
    /// Fingerprints of router alerts to delete.
    public var deletedAlerts: [String] = []
    /// Notification-log entries to insert or replace.
    public var logEntries: [NotificationLogEntry] = []
    /// Notification-log entries to delete.
    public var deletedLogEntries: [NotificationLogKey] = []
    /// Notifications to put in the outbox.
    public var notifications: [OutboxEntry] = []

    public init() {}

    /// Whether the change writes nothing.
    public var isEmpty: Bool {
        savedStates.isEmpty && deletedStates.isEmpty && savedAlerts.isEmpty && deletedAlerts.isEmpty
            && logEntries.isEmpty && deletedLogEntries.isEmpty && notifications.isEmpty
    }
}
