import Foundation

extension RuleEngine {
    /// Evaluates every goal at `time`: each series' figures and state, the `goal:*` series, and the
    /// goal alerts configured under `alerts:`.
    public mutating func evaluateGoals(at time: Timestamp, series: inout SeriesSet) -> EvaluationCycle {
        var cycle = EvaluationCycle()
        for index in goals.indices {
            let goal = goals[index]
            let histories: [(labels: Labels, samples: [Sample])]
            do {
                histories = try GoalMetricHistory.collect(
                    goal.metric, from: goal.historyStart(at: time), through: time, series: series,
                    defaultLookback: settings.defaultLookback)
            } catch {
                cycle.failures.append(RuleFailure(group: "goals", rule: goal.name, message: error.message))
                continue
            }
            let rules = goal.assessmentRules
            // A goal without any data still shows, as one stale scope without labels.
            let scopes = histories.isEmpty ? [(labels: Labels.empty, samples: [Sample]())] : histories
            var reports: [GoalReport] = []
            for scope in scopes {
                let assessment = GoalAssessor.assess(history: scope.samples, rules: rules, at: time)
                reports.append(GoalReport(
                    goal: goal.name, labels: scope.labels, periodStart: goal.period.start, periodEnd: goal.period.end, assessment: assessment))
            }
            recordGoalSeries(index, reports, at: time, into: &series)
            cycle.transitions += evaluateGoalAlerts(index, reports, at: time)
            cycle.goals += reports
        }
        return cycle
    }

    private mutating func recordGoalSeries(_ index: Int, _ reports: [GoalReport], at time: Timestamp, into series: inout SeriesSet) {
        var written: Set<Labels> = []
        for report in reports {
            let base = report.labels.setting("goal", to: report.goal)
            let figures: [(String, Double?)] = [
                ("goal:value", report.assessment.value),
                ("goal:progress_ratio", report.assessment.progressRatio),
                ("goal:expected_ratio", report.assessment.expectedRatio),
                ("goal:forecast_value", report.assessment.forecastValue),
                ("goal:remaining_days", report.assessment.remainingDays),
                ("goal:compliance_ratio", report.assessment.complianceRatio),
            ]
            for case let (name, value?) in figures {
                let labels = base.setting(LabelName.metricName, to: name)
                series.append(labels, at: time, value: value)
                written.insert(labels)
            }
        }
        for gone in (goalSeries[index] ?? []).subtracting(written) { series.append(gone, at: time, value: StaleMarker.value) }
        goalSeries[index] = written
    }

    private mutating func evaluateGoalAlerts(_ index: Int, _ reports: [GoalReport], at time: Timestamp) -> [AlertTransition] {
        let goal = goals[index]
        var transitions: [AlertTransition] = []
        for kind in GoalAlertKind.allCases {
            guard let settings = goal.alerts[kind] else { continue }
            let key = GoalAlertKey(goal: index, kind: kind)
            var state = goalAlertStates[key] ?? AlertingRuleState(holdDuration: settings.holdDuration)
            var active: [Labels: Double] = [:]
            var annotations: [Labels: [String: String]] = [:]
            var sources: [Labels: Labels] = [:]
            var assessments: [Labels: GoalAssessment] = [:]
            for report in reports where report.assessment.conditions.contains(kind) {
                let labels = alertLabels(goal, kind: kind, settings: settings, scope: report.labels)
                let value = report.assessment.value ?? .nan
                active[labels] = value
                sources[labels] = report.labels
                assessments[labels] = report.assessment
                annotations[labels] = goalAnnotations(goal, kind: kind, labels: labels, report: report)
            }
            let byScope = Dictionary(reports.map { ($0.labels, $0.assessment) }, uniquingKeysWith: { first, _ in first })
            let origin = AlertOrigin.goal(goal: goal.name, kind: kind)
            let sourceOf = state.seriesLabels.merging(sources) { _, new in new }
            transitions += state.apply(active: active, annotations: annotations, series: sources, at: time, origin: origin) { labels in
                assessments[labels] ?? sourceOf[labels].flatMap { byScope[$0] }
            }
            goalAlertStates[key] = state
        }
        return transitions
    }

    /// The labels of a goal alert: the scope's series labels, the goal's labels, the kind's labels
    /// and severity, `goal` and `alertname`.
    private func alertLabels(_ goal: GoalDefinition, kind: GoalAlertKind, settings: GoalAlertSettings, scope: Labels) -> Labels {
        var labels = scope
        for (name, value) in goal.labels { labels = labels.setting(name, to: value) }
        for (name, value) in settings.labels { labels = labels.setting(name, to: value) }
        if let severity = settings.severity { labels = labels.setting("severity", to: severity) }
        return labels.setting("goal", to: goal.name).setting("alertname", to: kind.alertName)
    }

    /// The goal's own annotations, rendered with the alert's labels and the metric's value, plus a
    /// `summary` saying what happened when the goal does not write one.
    private func goalAnnotations(_ goal: GoalDefinition, kind: GoalAlertKind, labels: Labels, report: GoalReport) -> [String: String] {
        let value = report.assessment.value ?? .nan
        var annotations = goal.annotations.mapValues { render($0, labels: labels.dictionary, value: value) }
        if annotations["summary"] == nil { annotations["summary"] = GoalSummary.sentence(goal, kind: kind, report: report) }
        if annotations["description"] == nil, let description = goal.description { annotations["description"] = description }
        return annotations
    }
}

extension GoalDefinition {
    /// How far back the goal's history must reach when it is evaluated at `time`: before its baseline
    /// instant and period start (the baseline is the last sample at or before its instant), and over the
    /// windows its figures use. Callers load at least this much history.
    public func historyStart(at time: Timestamp) -> Timestamp {
        var start = period.start
        if case .at(let instant) = baseline { start = min(start, instant) }
        let windows = [forecastWindow, staleAfter, alerts[.unreachable]?.window ?? TimeSpan(milliseconds: 0)]
        for window in windows { start = min(start, time - window) }
        return start - period.length
    }

    /// The settings of the goal math, from the goal and its alert settings.
    var assessmentRules: GoalRules {
        let behindPace = alerts[.behindPace] ?? GoalAlertSettings.defaults(for: .behindPace)
        return GoalRules(
            period: period, target: target, baseline: baseline, pace: pace, grace: grace, minCompliance: minCompliance,
            forecastWindow: forecastWindow, forecastMethod: forecastMethod, staleAfter: staleAfter, behindPaceTolerance: behindPace.tolerance,
            minElapsed: behindPace.minElapsed,
            unreachableWindow: alerts[.unreachable].map { $0.window ?? GoalAlertSettings.defaults(for: .unreachable).window! })
    }
}
