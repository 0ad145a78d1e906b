import GoalWatchCore
import GoalWatchStore

/// Keeps the store from growing for as long as the daemon runs: deletes the samples older than
/// `storage.retention` with the series they leave empty, and the silences that ended more than
/// ``endedRetention`` ago (Alertmanager keeps expired silences as long: its `--data.retention`).
/// The daemon prunes the router's notification log in the same pass.
struct StoreMaintenance: Sendable {
    /// When passes run.
    struct Schedule: Sendable {
        /// The wait before the first pass: it stays out of the way of start and the first evaluations.
        var delay: Duration
        /// The wait between passes.
        var interval: Duration

        /// A minute after start, then every hour: with hourly passes a pass deletes about an hour of
        /// samples, a moment's work.
        static let standard = Schedule(delay: .seconds(60), interval: .seconds(3600))
    }

    /// What one pass deleted.
    struct Outcome: Sendable, Hashable {
        /// The samples and series older than the retention.
        var history: RetentionOutcome
        /// The silences that ended before the silence retention.
        var silences: Int

        var deletedAnything: Bool { history.samples > 0 || history.series > 0 || silences > 0 }
    }

    /// How long what has ended is kept: a silence after its end (`goalwatch silence list --expired`
    /// shows it meanwhile), a notification-log entry after its group resolved (see
    /// ``AlertRouter/forgetResolvedGroups(notifiedBefore:)``).
    static let endedRetention = TimeSpan.hours(120)

    let store: MetricStore

    /// One pass at `now`, with the configured `retention` of samples.
    ///
    /// - Throws: ``StoreError`` when the store cannot be written; what was deleted before stays deleted.
    func pass(retention: TimeSpan, at now: Timestamp) throws -> Outcome {
        let history = try Self.cutoff(now, retention).map { try store.deleteSamples(before: $0) } ?? RetentionOutcome()
        let silences = try Self.cutoff(now, Self.endedRetention).map { try store.deleteSilences(endedBefore: $0) } ?? 0
        return Outcome(history: history, silences: silences)
    }

    /// `now - retention`; `nil` when a retention of millennia reaches before the earliest instant
    /// there is, so that nothing can be older.
    private static func cutoff(_ now: Timestamp, _ retention: TimeSpan) -> Timestamp? {
        let (cutoff, overflow) = now.milliseconds.subtractingReportingOverflow(retention.milliseconds)
        return overflow ? nil : Timestamp(milliseconds: cutoff)
    }
}
