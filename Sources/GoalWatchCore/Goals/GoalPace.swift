import Foundation

/// How fast a goal is expected to move from its baseline to its target over its period (DESIGN §6).
public enum GoalPace: Sendable, Hashable {
    /// Evenly: the expected share equals the share of the period elapsed.
    case linear
    /// At a constant growth rate, as followers compound: slow at first, faster later.
    case compound
    /// Through given (instant, value) points, straight lines between them; the baseline at the
    /// period's start and the target at its end are implied.
    case milestones([Milestone])

    /// A value the metric should have reached by an instant.
    public struct Milestone: Sendable, Hashable {
        public var at: Timestamp
        public var value: Double

        public init(at: Timestamp, value: Double) {
            self.at = at
            self.value = value
        }
    }

    /// The share of the way from `baseline` to `target` the metric should have covered at `now`:
    /// 0 at the period's start, 1 at its end.
    ///
    /// Compound pace needs a baseline and target of the same sign and a target other than the
    /// baseline; otherwise growth "by a factor" means nothing and linear pace is used.
    public func expectedRatio(at now: Timestamp, period: GoalPeriod, baseline: Double, target: Double) -> Double {
        let elapsed = period.elapsedRatio(at: now)
        switch self {
        case .linear:
            return elapsed
        case .compound:
            let factor = target / baseline
            guard baseline != 0, factor > 0, factor != 1, factor.isFinite else { return elapsed }
            return (pow(factor, elapsed) - 1) / (factor - 1)
        case .milestones(let milestones):
            guard target != baseline else { return elapsed }
            let points = [Milestone(at: period.start, value: baseline)]
                + milestones.filter { period.contains($0.at) }.sorted { $0.at < $1.at }
                + [Milestone(at: period.end, value: target)]
            let expected = Self.interpolate(points, at: max(period.start, min(period.end, now)))
            return (expected - baseline) / (target - baseline)
        }
    }

    /// The value on the polyline through `points` (sorted by time) at `now`, which lies within them.
    private static func interpolate(_ points: [Milestone], at now: Timestamp) -> Double {
        for (left, right) in zip(points, points.dropFirst()) where now <= right.at {
            let span = Double((right.at - left.at).milliseconds)
            guard span > 0 else { return right.value }
            let share = Double((now - left.at).milliseconds) / span
            return left.value + (right.value - left.value) * share
        }
        return points.last?.value ?? 0
    }
}
