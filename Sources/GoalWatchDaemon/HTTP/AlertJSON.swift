import GoalWatchCore
import GoalWatchNotify

/// A pending or firing alert as `GET /api/v1/alerts` and `GET /api/v1/rules` show it: Prometheus'
/// alert object (`labels`, `annotations`, `state`, `activeAt`, `value` as a string) plus what raised it.
enum AlertJSON {
    static func alert(_ alert: ActiveAlert) -> [String: Any] {
        let instance = alert.instance
        var object: [String: Any] = [
            "labels": instance.labels.dictionary,
            "annotations": alert.annotations,
            "state": instance.phase.rawValue,
            "activeAt": instance.activeSince.rfc3339,
            "value": PromQL.formatNumber(instance.value),
            "fingerprint": RoutedAlert.fingerprint(of: instance.labels.dictionary),
        ]
        if let firingSince = instance.firingSince { object["firingSince"] = firingSince.rfc3339 }
        switch alert.origin {
        case .rule(let group, let rule): object["origin"] = ["group": group, "rule": rule]
        case .goal(let goal, let kind): object["origin"] = ["goal": goal, "kind": kind.rawValue]
        }
        return object
    }
}
