/// How a goal projects its metric to the period's end (DESIGN §6), set with the goal's `forecast:` key.
public enum GoalForecastMethod: String, Sendable, Hashable, CaseIterable, Codable {
    /// Least squares over the forecast window, as `predict_linear` (the default).
    case linear
    /// Holt's linear trend over the forecast window, damped so that a short burst is not extended
    /// over a long horizon, as `holt_forecast`.
    case holt
}
