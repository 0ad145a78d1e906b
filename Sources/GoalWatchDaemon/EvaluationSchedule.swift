import GoalWatchCore

/// When evaluations run: on the multiples of the interval since the Unix epoch, so the schedule never
/// drifts however long a cycle takes, and a cycle that overran skips the ticks it missed.
public struct EvaluationSchedule: Sendable, Hashable {
    /// The evaluation interval.
    public var interval: TimeSpan

    public init(interval: TimeSpan) {
        self.interval = interval
    }

    /// The first tick strictly after `instant`.
    public func tick(after instant: Timestamp) -> Timestamp {
        let step = interval.milliseconds
        let milliseconds = instant.milliseconds
        let ticks = milliseconds >= 0 ? milliseconds / step : -((-milliseconds + step - 1) / step)
        return Timestamp(milliseconds: (ticks + 1) * step)
    }
}
