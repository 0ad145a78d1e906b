import GoalWatchCore
import GoalWatchNotify
import Logging
import Systemd

/// Where alert transitions and delivery outcomes go: one journald entry each (DESIGN §9) when the
/// process is connected to journald, otherwise a log line through the daemon's logger (logfmt on stderr).
struct AlertEventLog: Sendable {
    let journal: Bool
    let logger: Logger

    func record(_ transition: AlertTransition) {
        if journal, (try? AlertJournal.record(transition)) != nil { return }
        let event = transition.event
        logger.log(
            level: event.kind == .firing ? .warning : .info, "alert \(event.kind.rawValue)",
            metadata: [
                "alertname": .string(event.labels["alertname"] ?? ""), "labels": .string(event.labels.description),
                "value": .string(PromQL.formatNumber(event.value)), "summary": .string(transition.annotations["summary"] ?? ""),
            ])
    }

    func record(_ event: DeliveryEvent) {
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
