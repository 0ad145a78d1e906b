import Foundation

/// The `evaluation:` section.
public struct EvaluationConfiguration: Sendable, Hashable {
    /// How often rules run. Default 1m.
    public var interval: TimeSpan
    /// How long a series stays current after its last sample unless its source says otherwise
    /// (Prometheus' lookback delta). Default 5m.
    public var lookback: TimeSpan
    /// The time zone of calendar periods (months, quarters) and time intervals. Default UTC.
    public var timeZone: TimeZone

    /// Creates an evaluation configuration.
    public init(interval: TimeSpan = .minutes(1), lookback: TimeSpan = .minutes(5), timeZone: TimeZone = EvaluationConfiguration.utc) {
        self.interval = interval
        self.lookback = lookback
        self.timeZone = timeZone
    }

    /// UTC, the default time zone.
    public static let utc = TimeZone(identifier: "UTC") ?? .gmt
}
