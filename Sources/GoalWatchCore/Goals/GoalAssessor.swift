/// Computes a goal series' figures, state and alert conditions at one instant (DESIGN §6).
///
/// Pure: the instant is an argument, nothing is read from a clock or a store, so live evaluation,
/// `goalwatch goals --at`, replays and rule tests all agree.
///
/// Decisions on the edges DESIGN §6 leaves open:
/// - Only samples at or before `now` count, and only finite ones (NaN stale markers and ±Inf are skipped).
/// - A reach goal is reached by the first sample in `[S, E)` (and at or before `now`) that is at or past
///   the target in the goal's direction; it then stays achieved for the rest of the period and its grace,
///   even if the value falls back. Once reached, behind-pace, forecast-miss and unreachable no longer hold.
/// - While the goal is stale only `stale`, `achieved` and `missed` can hold: an old value would make the
///   pace, forecast, unreachable and breach conditions worsen by themselves as time passes.
/// - Behind-pace, forecast-miss, unreachable and breach hold only inside the period; from its end the
///   goal is decided: `achieved` or `missed`.
/// - A maintain goal whose period has no covered time (no sample before its end) is missed at the end.
/// - Figures are computed for inactive goals too (the dashboard shows them); before the period starts
///   they are provisional, since the baseline at the start may not exist yet.
public enum GoalAssessor {
    /// Assesses one goal series at `now`.
    ///
    /// - Parameters:
    ///   - history: the series' samples, oldest first (unsorted input is sorted). Samples after `now` are ignored.
    ///   - rules: the goal's settings.
    ///   - now: the instant assessed.
    public static func assess(history: [Sample], rules: GoalRules, at now: Timestamp) -> GoalAssessment {
        let history = GoalHistory(history, upTo: now)
        let period = rules.period
        let inPeriod = now < period.end
        let value = history.last?.value
        let baseline = history.baseline(rules.baseline)
        let target: Double? = switch rules.target {
        case .absolute(let value), .atMost(let value), .atLeast(let value): value
        case .relative, .delta: baseline.map(rules.target.value(baseline:))
        }
        var assessment = GoalAssessment(
            state: .onTrack, value: value, baseline: baseline, target: target,
            forecastValue: history.forecast(rules.forecastMethod, window: rules.forecastWindow, now: now, at: period.end),
            remainingDays: max(0, Double((period.end - now).milliseconds) / 86_400_000))

        let isStale = history.last.map { now - $0.timestamp > rules.staleAfter } ?? true
        var conditions: Set<GoalAlertKind> = isStale ? [.stale] : []
        // Conditions that an old value would make worse by itself as time passes.
        var liveConditions: Set<GoalAlertKind> = []

        if rules.target.isMaintain {
            let isInside: (Double) -> Bool = switch rules.target {
            case .atMost(let bound): { $0 <= bound }
            case .atLeast(let bound): { $0 >= bound }
            case .absolute, .relative, .delta: { _ in true }
            }
            assessment.complianceRatio = history.compliance(from: period.start, to: min(now, period.end), isInside)
            if !inPeriod {
                let complied = assessment.complianceRatio.map { $0 >= rules.minCompliance } ?? false
                conditions.insert(complied ? .achieved : .missed)
            } else if let value, now >= period.start, !isInside(value) {
                liveConditions.insert(.breach)
            }
        } else if let baseline, let target {
            let isReached = { (value: Double) in GoalProgress.isReached(value: value, baseline: baseline, target: target) }
            assessment.reachedAt = history.firstReached(from: period.start, to: period.end, isReached)?.timestamp
            assessment.expectedRatio = rules.pace.expectedRatio(at: now, period: period, baseline: baseline, target: target)
            if let value {
                assessment.progressRatio = GoalProgress.ratio(value: value, baseline: baseline, target: target)
                assessment.requiredRate = GoalProgress.requiredDailyRate(value: value, target: target, now: now, end: period.end)
            }
            if assessment.reachedAt != nil {
                conditions.insert(.achieved)
            } else if !inPeriod {
                conditions.insert(.missed)
            } else if now >= period.start {
                liveConditions = reachConditions(assessment, history: history, rules: rules, now: now, rising: target >= baseline)
            }
        } else if !inPeriod {
            // No baseline, so no target to have reached.
            conditions.insert(.missed)
        }

        if !isStale { conditions.formUnion(liveConditions) }
        let isActive = now >= period.start && now < period.end + rules.grace
        assessment.conditions = isActive ? conditions : []
        assessment.state = isActive ? state(conditions) : .inactive
        return assessment
    }

    /// Behind-pace, forecast-miss and unreachable for a reach goal inside its period, not yet reached.
    private static func reachConditions(
        _ assessment: GoalAssessment, history: GoalHistory, rules: GoalRules, now: Timestamp, rising: Bool
    ) -> Set<GoalAlertKind> {
        guard let baseline = assessment.baseline, let target = assessment.target else { return [] }
        var conditions: Set<GoalAlertKind> = []
        if let progress = assessment.progressRatio, let expected = assessment.expectedRatio,
           rules.period.elapsedRatio(at: now) >= rules.minElapsed,
           progress < expected - rules.behindPaceTolerance {
            conditions.insert(.behindPace)
        }
        if let forecast = assessment.forecastValue,
           !GoalProgress.isReached(value: forecast, baseline: baseline, target: target) {
            conditions.insert(.forecastMiss)
        }
        if let window = rules.unreachableWindow, let required = assessment.requiredRate,
           let best = history.bestDailyChange(window: window, now: now, rising: rising),
           rising ? required > best : required < best {
            conditions.insert(.unreachable)
        }
        return conditions
    }

    /// The first state of DESIGN §6 whose condition holds, for an active goal.
    private static func state(_ conditions: Set<GoalAlertKind>) -> GoalState {
        if conditions.contains(.stale) { return .stale }
        if conditions.contains(.missed) { return .missed }
        if conditions.contains(.achieved) { return .achieved }
        if conditions.contains(.behindPace) { return .behindPace }
        if conditions.contains(.forecastMiss) { return .atRisk }
        if conditions.contains(.breach) { return .breached }
        return .onTrack
    }
}
