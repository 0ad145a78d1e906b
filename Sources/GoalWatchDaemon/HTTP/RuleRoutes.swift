import Foundation
import GoalWatchCore
import Hummingbird

/// `GET /api/v1/rules`: the rule groups and their rules in Prometheus' shape,
/// `{"status": "success", "data": {"groups": [{"name", "file", "interval", "rules": […]}]}}`, each rule
/// with its `type`, `health` (`ok`, `err` with `lastError`, or `unknown` before the first evaluation)
/// and `lastEvaluation`; alerting rules also with their `state` and active `alerts`.
struct RuleRoutes {
    let view: DaemonView

    func register(on routes: some RouterMethods<BasicRequestContext>) {
        routes.get("/api/v1/rules") { [view] _, _ in
            let state = view.current
            let groups = state.setup.rules.flatMap { file in
                file.groups.map { Self.group($0, file: file.path, state: state) }
            }
            return JSONResponse.make(["status": "success", "data": ["groups": groups]])
        }
    }

    private static func group(_ group: RuleGroup, file: String, state: DaemonViewState) -> [String: Any] {
        let interval = group.interval ?? state.setup.configuration.evaluation.interval
        let evaluation = state.lastEvaluation
        return [
            "name": group.name, "file": file, "interval": Double(interval.milliseconds) / 1000,
            "lastEvaluation": evaluation.map { $0.at.rfc3339 } ?? NSNull(),
            "rules": group.rules.map { rule(group: group.name, $0, state: state) },
        ]
    }

    private static func rule(group: String, _ rule: Rule, state: DaemonViewState) -> [String: Any] {
        let evaluation = state.lastEvaluation
        let failure = evaluation?.failures.first { $0.group == group && $0.rule == rule.name }
        var object: [String: Any] = [
            "name": rule.name,
            "health": evaluation == nil ? "unknown" : failure == nil ? "ok" : "err",
            "lastError": failure?.message ?? "",
            "lastEvaluation": evaluation.map { $0.at.rfc3339 } ?? NSNull(),
        ]
        switch rule {
        case .recording(let recording):
            object["type"] = "recording"
            object["query"] = recording.expressionText
            object["labels"] = recording.labels
        case .alerting(let alerting):
            let alerts = state.activeAlerts.filter { $0.origin == .rule(group: group, rule: alerting.name) }
            object["type"] = "alerting"
            object["query"] = alerting.expressionText
            object["duration"] = Double(alerting.holdDuration.milliseconds) / 1000
            object["keepFiringFor"] = Double(alerting.keepFiringFor.milliseconds) / 1000
            object["labels"] = alerting.labels.mapValues(\.text)
            object["annotations"] = alerting.annotations.mapValues(\.text)
            object["alerts"] = alerts.map(AlertJSON.alert)
            object["state"] = alerts.contains { $0.instance.phase == .firing } ? "firing" : alerts.isEmpty ? "inactive" : "pending"
        }
        return object
    }
}
