import GoalWatchCore
import GoalWatchNotify
import Logging
import Systemd

/// Where alert transitions and delivery outcomes go: one journald entry each (DESIGN §9) when the
/// process is connected to journald, otherwise a log line through the daemon's logger (logfmt on stderr).
///
/// Both are written in the background, in the order they were recorded (see ``BackgroundWriter``):
/// neither the router nor the delivery worker waits for journald. ``drain()`` waits for what was
/// recorded so far.
struct AlertEventLog: Sendable {
    private let writer: BackgroundWriter<Event>

    /// What is written.
    private enum Event: Sendable {
        case transition(AlertTransition)
        case delivery(DeliveryEvent)
    }

    /// The most events that wait to be written. A journald that stops reading blocks the writes; events
    /// recorded beyond this many are counted and reported in one log line instead of held in memory.
    static let waitingLimit = 65_536

    init(journal: Bool, logger: Logger) {
        writer = BackgroundWriter(label: "goalwatch.alert-events", limit: Self.waitingLimit) { event in
            switch event {
            case .transition(let transition): Self.write(transition, journal: journal, logger: logger)
            case .delivery(let delivery): Self.write(delivery, journal: journal, logger: logger)
            }
        } dropped: { count in
            logger.error("alert entries not written", metadata: [
                "entries": .string(String(count)),
                "reason": .string("\(Self.waitingLimit) entries were already waiting for the journal to take them in"),
            ])
        }
    }

    /// Queues `transition` to be written; returns at once.
    func record(_ transition: AlertTransition) {
        writer.submit(.transition(transition))
    }

    /// Queues the delivery outcome `event` to be written; returns at once.
    func record(_ event: DeliveryEvent) {
        writer.submit(.delivery(event))
    }

    /// Returns once every event recorded so far has been written.
    func drain() {
        writer.drain()
    }

    private static func write(_ transition: AlertTransition, journal: Bool, logger: Logger) {
        if journal, (try? AlertJournal.record(transition)) != nil { return }
        let event = transition.event
        logger.log(
            level: event.kind == .firing ? .warning : .info, "alert \(event.kind.rawValue)",
            metadata: [
                "alertname": .string(event.labels["alertname"] ?? ""), "labels": .string(event.labels.description),
                "value": .string(PromQL.formatNumber(event.value)), "summary": .string(transition.annotations["summary"] ?? ""),
            ])
    }

    private static func write(_ event: DeliveryEvent, journal: Bool, logger: Logger) {
        if journal, (try? AlertJournal.record(event)) != nil { return }
        let notification = event.notification
        var metadata: Logger.Metadata = [
            "receiver": .string(notification.receiver), "group_key": .string(notification.groupKey),
            "notification_id": .string(notification.id), "alerts": .string(String(notification.alerts.count)),
        ]
        switch event.outcome {
        case .notified(let attempt):
            metadata["attempt"] = .string(String(attempt))
            logger.info("notified", metadata: metadata)
        case .failed(let attempt, let error):
            metadata["attempt"] = .string(String(attempt))
            metadata["error"] = .string(error)
            logger.warning("notification failed", metadata: metadata)
        case .deadLettered(let attempts, let error):
            metadata["attempts"] = .string(String(attempts))
            metadata["error"] = .string(error)
            logger.critical("notification given up", metadata: metadata)
        }
    }
}
