import Foundation
import GoalWatchCore
import GoalWatchDaemon

/// What `replay` collects: the transitions, how long each alert name fired, and the rules that failed.
struct ReplayLog {
    /// How long loading the history from the store took.
    var loadDuration = Duration.zero
    /// How many evaluations ran, and how long they took together.
    var evaluations = 0
    var evaluationDuration = Duration.zero
    private(set) var transitions: [AlertTransition] = []
    private var firings: [String: Int] = [:]
    /// When each alert now firing began to, by its labels.
    private var firingSince: [Labels: Timestamp] = [:]
    private var firingTime: [String: Int64] = [:]
    private var failureTimes: [String: (first: Timestamp, count: Int)] = [:]
    private var failureOrder: [String] = []

    mutating func record(_ cycle: EvaluationCycle, at time: Timestamp) {
        for transition in cycle.transitions {
            transitions.append(transition)
            let name = transition.event.labels["alertname"] ?? ""
            switch transition.event.kind {
            case .firing:
                firings[name, default: 0] += 1
                firingSince[transition.event.labels] = transition.event.at
            case .resolved:
                let since = firingSince.removeValue(forKey: transition.event.labels) ?? transition.event.activeSince
                firingTime[name, default: 0] += (time - since).milliseconds
            case .pending:
                break
            }
        }
        for failure in cycle.failures {
            let key = failure.description
            if let known = failureTimes[key] {
                failureTimes[key] = (known.first, known.count + 1)
            } else {
                failureTimes[key] = (time, 1)
                failureOrder.append(key)
            }
        }
    }

    /// Counts the firing time of alerts still firing at the end of the replay.
    mutating func close(_ active: [ActiveAlert], at end: Timestamp) {
        for alert in active where alert.instance.phase == .firing {
            let name = alert.instance.labels["alertname"] ?? ""
            firingTime[name, default: 0] += (end - (alert.instance.firingSince ?? end)).milliseconds
        }
    }

    var failures: [String] {
        failureOrder.map { key in
            let (first, count) = failureTimes[key]!
            return "\(key) (first at \(first.rfc3339), \(count) evaluation\(count == 1 ? "" : "s"))"
        }
    }

    private var names: [String] { Set(firings.keys).union(firingTime.keys).sorted() }

    /// `24 evaluations in 310 ms (12.9 ms each); history loaded in 1.2 s`.
    var timing: String {
        let each = evaluations == 0 ? 0 : milliseconds(evaluationDuration) / Double(evaluations)
        return "\(evaluations) evaluations in \(format(milliseconds(evaluationDuration))) ms (\(format(each)) ms each); "
            + "history loaded in \(format(milliseconds(loadDuration))) ms\n"
    }

    private func milliseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
    }

    private func format(_ value: Double) -> String { String(format: "%.1f", value) }

    var text: String {
        guard !transitions.isEmpty else { return "no alert would have fired\n" + timing }
        let rows = transitions.map { transition in
            [
                transition.event.at.rfc3339,
                transition.event.kind.rawValue,
                transition.event.labels.description,
                ValueFormat.short(transition.event.value),
                transition.annotations["summary"] ?? "",
            ]
        }
        var out = TextTable(header: ["TIME", "EVENT", "ALERT", "VALUE", "SUMMARY"], rows: rows, rightAligned: [3]).rendered
        out += "\n"
        out += TextTable(
            header: ["ALERTNAME", "FIRINGS", "FIRING FOR"],
            rows: names.map { [$0, String(firings[$0] ?? 0), Humanize.duration(Double(firingTime[$0] ?? 0) / 1000)] },
            rightAligned: [1, 2]
        ).rendered
        return out + timing
    }

    func json(from start: Timestamp, to end: Timestamp, step: TimeSpan) -> [String: Any] {
        [
            "from": start.rfc3339,
            "to": end.rfc3339,
            "step": step.description,
            "transitions": transitions.map { transition in
                [
                    "at": transition.event.at.rfc3339,
                    "event": transition.event.kind.rawValue,
                    "labels": transition.event.labels.dictionary,
                    "value": JSONNumber.value(transition.event.value),
                    "active_since": transition.event.activeSince.rfc3339,
                    "annotations": transition.annotations,
                ] as [String: Any]
            },
            "timing": [
                "evaluations": evaluations,
                "evaluation_seconds": milliseconds(evaluationDuration) / 1000,
                "load_seconds": milliseconds(loadDuration) / 1000,
            ],
            "alerts": names.map { ["alertname": $0, "firings": firings[$0] ?? 0, "firing_seconds": Double(firingTime[$0] ?? 0) / 1000] as [String: Any] },
        ]
    }
}
