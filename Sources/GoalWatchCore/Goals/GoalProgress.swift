/// The figures of a reach goal at one instant (DESIGN §6), for baseline B, target T and value V.
public enum GoalProgress {
    /// (V − B) / (T − B): 0 at the baseline, 1 at the target, for rising and falling goals alike.
    /// A target equal to its baseline counts as reached (1) once V is at or past it.
    public static func ratio(value: Double, baseline: Double, target: Double) -> Double {
        guard target != baseline else { return value == target ? 1 : 0 }
        return (value - baseline) / (target - baseline)
    }

    /// (T − V) / days left: the change per day still needed; `nil` once no time is left.
    public static func requiredDailyRate(value: Double, target: Double, now: Timestamp, end: Timestamp) -> Double? {
        let daysLeft = Double((end - now).milliseconds) / 86_400_000
        guard daysLeft > 0 else { return nil }
        return (target - value) / daysLeft
    }

    /// Whether V has reached T, in the goal's direction (rising goals reach from below, falling from above).
    public static func isReached(value: Double, baseline: Double, target: Double) -> Bool {
        target >= baseline ? value >= target : value <= target
    }
}
