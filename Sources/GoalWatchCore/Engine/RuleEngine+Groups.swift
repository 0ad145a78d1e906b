extension RuleEngine {
    /// Evaluates the rules of group `index` in order at `time`; each rule sees the results of the
    /// rules before it. A rule that fails is reported and skipped; its alert states are kept.
    public mutating func evaluateGroup(_ index: Int, at time: Timestamp, series: inout SeriesSet) -> EvaluationCycle {
        let group = groups[index]
        let queryTime = time - (group.queryOffset ?? TimeSpan(milliseconds: 0))
        var cycle = EvaluationCycle()
        for (ruleIndex, rule) in group.rules.enumerated() {
            let key = RuleKey(group: index, rule: ruleIndex)
            do throws(RuleError) {
                switch rule {
                case .recording(let recording):
                    try record(recording, key: key, group: group, at: queryTime, series: &series)
                case .alerting(let alerting):
                    cycle.transitions += try alert(alerting, key: key, group: group, at: time, queryTime: queryTime, series: &series)
                }
            } catch {
                cycle.failures.append(RuleFailure(group: group.name, rule: rule.name, message: error.message))
            }
        }
        return cycle
    }

    private mutating func record(_ rule: RecordingRule, key: RuleKey, group: RuleGroup, at time: Timestamp, series: inout SeriesSet) throws(RuleError) {
        let elements: [VectorElement]
        do {
            elements = try instantVector(rule.expression, at: time, series: series)
        } catch {
            throw RuleError(error.message)
        }
        var results: [(Labels, Double)] = []
        var seen: Set<Labels> = []
        for element in elements {
            var labels = element.labels.setting(LabelName.metricName, to: rule.record)
            for (name, value) in group.labels { labels = labels.setting(name, to: value) }
            for (name, value) in rule.labels { labels = labels.setting(name, to: value) }
            guard seen.insert(labels).inserted else {
                throw RuleError("vector contains metrics with the same labelset after applying rule labels")
            }
            results.append((labels, element.value))
        }
        if group.limit > 0, results.count > group.limit {
            throw RuleError("exceeded limit of \(group.limit) with \(results.count) series")
        }
        for (labels, value) in results { series.append(labels, at: time, value: value) }
        // Series the rule no longer produces end now, as Prometheus marks them stale.
        for gone in (recordedSeries[key] ?? []).subtracting(seen) { series.append(gone, at: time, value: StaleMarker.value) }
        recordedSeries[key] = seen
    }

    private mutating func alert(
        _ rule: AlertingRule, key: RuleKey, group: RuleGroup, at time: Timestamp, queryTime: Timestamp, series: inout SeriesSet
    ) throws(RuleError) -> [AlertTransition] {
        var state = alertingStates[key] ?? AlertingRuleState(holdDuration: rule.holdDuration, keepFiringFor: rule.keepFiringFor)
        let origin = AlertOrigin.rule(group: group.name, rule: rule.name)
        let elements: [VectorElement]
        do {
            elements = try instantVector(rule.expression, at: queryTime, series: series)
        } catch {
            throw RuleError(error.message)
        }
        var active: [Labels: Double] = [:]
        var annotations: [Labels: [String: String]] = [:]
        var sources: [Labels: Labels] = [:]
        for element in elements {
            let templateLabels = element.labels.dictionary
            let source = element.labels.withoutMetricName
            var labels = source
            for (name, value) in group.labels { labels = labels.setting(name, to: value) }
            for (name, template) in rule.labels.sorted(by: { $0.key < $1.key }) {
                labels = labels.setting(name, to: render(template, labels: templateLabels, value: element.value))
            }
            labels = labels.setting("alertname", to: rule.name)
            guard active[labels] == nil else {
                throw RuleError("vector contains metrics with the same labelset after applying alert labels")
            }
            active[labels] = element.value
            annotations[labels] = rule.annotations.mapValues { render($0, labels: templateLabels, value: element.value) }
            sources[labels] = source
        }
        var failure: RuleError?
        if group.limit > 0, active.count > group.limit {
            // Prometheus drops every alert of the rule here; resolving them keeps the promise that each
            // firing notification is followed by one resolved notification.
            failure = RuleError("exceeded limit of \(group.limit) with \(active.count) alerts")
            active = [:]
        } else {
            try holdQuietAlerts(rule, state: state, active: &active, at: queryTime, series: series)
        }
        let transitions = state.apply(active: active, annotations: annotations, series: sources, at: time, origin: origin)
        state.recordAlertsSeries(at: queryTime, into: &series)
        alertingStates[key] = state
        if let failure { throw failure }
        return transitions
    }

    /// Applies `no_data` and `recover_when` (DESIGN §7): alerts whose condition no longer holds stay
    /// active when their series vanished (`keep`, `alerting`) or have not recovered yet.
    private func holdQuietAlerts(
        _ rule: AlertingRule, state: AlertingRuleState, active: inout [Labels: Double], at time: Timestamp, series: SeriesSet
    ) throws(RuleError) {
        let quiet = state.machine.instances.values.filter { active[$0.labels] == nil }
        guard !quiet.isEmpty, rule.noData != .ok || rule.recoverWhen != nil else { return }
        let present = rule.noData == .ok ? [] : try presentSeries(of: Self.dataExpression(rule.expression), at: time, series: series)
        let recovered = try rule.recoverWhen.map { expression throws(RuleError) in try presentSeries(of: expression, at: time, series: series) }
        for instance in quiet {
            guard let source = state.seriesLabels[instance.labels] else { continue }
            let vanished = rule.noData != .ok && !present.contains(source)
            if vanished {
                if rule.noData == .alerting || instance.phase == .firing { active[instance.labels] = instance.value }
            } else if let recovered, instance.phase == .firing, !recovered.contains(source) {
                active[instance.labels] = instance.value
            }
        }
    }

    /// The label sets (without metric name) an expression yields.
    private func presentSeries(of expression: PromQL.Expression, at time: Timestamp, series: SeriesSet) throws(RuleError) -> Set<Labels> {
        do {
            return Set(try instantVector(expression, at: time, series: series).map(\.labels.withoutMetricName))
        } catch {
            throw RuleError(error.message)
        }
    }

    /// What an alert's data is: the left side of a top-level comparison (`first_response > 60` reads
    /// `first_response`), else the expression itself.
    static func dataExpression(_ expression: PromQL.Expression) -> PromQL.Expression {
        switch expression.kind {
        case .parenthesized(let inner): return dataExpression(inner)
        case .binary(let binary) where binary.op.isComparison && !binary.returnBool: return binary.lhs
        default: return expression
        }
    }
}

/// Why one rule failed in one evaluation.
struct RuleError: Error {
    var message: String

    init(_ message: String) {
        self.message = message
    }
}
