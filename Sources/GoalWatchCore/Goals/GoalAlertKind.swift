/// The alerts a goal can raise (DESIGN §5–6), each configured under the goal's `alerts:` key.
public enum GoalAlertKind: String, Sendable, Hashable, CaseIterable, Codable {
    /// Progress behind the expected pace by more than `tolerance`, once `min_elapsed` of the period passed.
    case behindPace = "behind_pace"
    /// The forecast at the period's end misses the target.
    case forecastMiss = "forecast_miss"
    /// The target was reached.
    case achieved
    /// The period ended without the target reached (or in breach of `min_compliance`).
    case missed
    /// No fresh data for the goal's metric.
    case stale
    /// The daily gain still needed exceeds the best daily gain seen in `window`.
    case unreachable
    /// A maintain goal's value is outside its bound.
    case breach

    /// The `alertname` label of alerts of this kind: `GoalBehindPace`, `GoalForecastMiss`, ….
    public var alertName: String {
        "Goal" + rawValue.split(separator: "_").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    /// Whether reach goals (`target: +20%`) can raise this kind.
    public var appliesToReachGoals: Bool { self != .breach }

    /// Whether maintain goals (`target: "<= 60"`) can raise this kind.
    public var appliesToMaintainGoals: Bool {
        switch self {
        case .behindPace, .forecastMiss, .unreachable: return false
        case .achieved, .missed, .stale, .breach: return true
        }
    }
}
