import Foundation
import Testing
@testable import GoalWatchCore

@Suite("Rule engine: recording and alerting rules over time")
struct RuleEngineTests {
    let utc = TimeZone(identifier: "UTC")!

    func engine(_ yaml: String, settings: RuleEngine.Settings = .init()) throws -> RuleEngine {
        RuleEngine(files: [try RuleFileLoader.load(text: yaml, path: "rules.yml", timeZone: utc)], settings: settings)
    }

    func minutes(_ value: Int64) -> Timestamp { Timestamp(milliseconds: value * 60_000) }

    @Test("a recording rule's result is visible to the next rule of the same evaluation")
    func chaining() throws {
        var engine = try engine("""
        groups:
          - name: kpis
            rules:
              - record: account:engagement_rate:ratio
                expr: engagements / impressions
                labels: {kind: kpi}
              - record: account:engagement_rate:percent
                expr: account:engagement_rate:ratio * 100
        """)
        var fixture = EvaluationFixture()
        try fixture.load(#"engagements{account="a"}"#, every: .minutes(1), [30])
        try fixture.load(#"impressions{account="a"}"#, every: .minutes(1), [1000])
        let cycle = engine.evaluateAll(at: minutes(0), series: &fixture.series)
        #expect(cycle.failures.isEmpty)
        #expect(try fixture.vector("account:engagement_rate:percent", at: .zero) == [#"account:engagement_rate:percent{account="a", kind="kpi"}"#: 3])
    }

    @Test("an alert is pending, then fires after `for`, writes ALERTS, and resolves once")
    func pendingFiringResolved() throws {
        var engine = try engine("""
        groups:
          - name: care
            rules:
              - alert: SlowFirstResponse
                expr: first_response_minutes > 60
                for: 2m
                labels: {severity: critical, network: "{{ $labels.network }}"}
                annotations: {summary: "First response on {{ $labels.network }} is {{ $value }} min"}
        """)
        var fixture = EvaluationFixture()
        try fixture.load(#"first_response_minutes{network="x"}"#, every: .minutes(1), [50, 70, 75, 80, 40])
        var kinds: [AlertEvent.Kind] = []
        var times: [Int64] = []
        for minute in Int64(0)...4 {
            let cycle = engine.evaluateAll(at: minutes(minute), series: &fixture.series)
            kinds += cycle.transitions.map(\.event.kind)
            times += cycle.transitions.map { $0.event.at.milliseconds / 60_000 }
            if minute == 3 {
                let firing = try #require(engine.activeAlerts.first)
                #expect(firing.instance.phase == .firing)
                #expect(firing.instance.labels == Labels(["alertname": "SlowFirstResponse", "network": "x", "severity": "critical"]))
                #expect(firing.annotations["summary"] == "First response on x is 80 min")
                #expect(try fixture.vector("ALERTS", at: .minutes(3)).keys.contains(
                    #"ALERTS{alertname="SlowFirstResponse", alertstate="firing", network="x", severity="critical"}"#))
            }
        }
        #expect(kinds == [.pending, .firing, .resolved])
        #expect(times == [1, 3, 4])
        // The ALERTS series ended with the alert, without waiting for the lookback.
        #expect(try fixture.vector("ALERTS", at: .minutes(4)).isEmpty)
    }

    @Test("keep_firing_for holds a firing alert through a short dip")
    func keepFiringFor() throws {
        var engine = try engine("""
        groups:
          - name: g
            rules:
              - alert: High
                expr: v > 10
                keep_firing_for: 2m
        """)
        var fixture = EvaluationFixture()
        try fixture.load("v", every: .minutes(1), [20, 5, 5, 20, 5, 5, 5])
        var events: [(Int64, AlertEvent.Kind)] = []
        for minute in Int64(0)...6 {
            events += engine.evaluateAll(at: minutes(minute), series: &fixture.series).transitions.map { (minute, $0.event.kind) }
        }
        #expect(events.map(\.0) == [0, 6])
        #expect(events.map(\.1) == [.firing, .resolved])
    }

    @Test("recover_when keeps an alert firing until the recovery condition holds")
    func recoverWhen() throws {
        var engine = try engine("""
        groups:
          - name: g
            rules:
              - alert: SlowReplies
                expr: first_response_minutes > 60
                recover_when: first_response_minutes < 45
        """)
        var fixture = EvaluationFixture()
        try fixture.load("first_response_minutes", every: .minutes(1), [70, 55, 58, 40])
        var events: [(Int64, AlertEvent.Kind)] = []
        for minute in Int64(0)...3 {
            events += engine.evaluateAll(at: minutes(minute), series: &fixture.series).transitions.map { (minute, $0.event.kind) }
        }
        #expect(events.map(\.0) == [0, 3])
        #expect(events.map(\.1) == [.firing, .resolved])
    }

    @Test("no_data: keep holds a firing alert while its series is missing, ok (the default) resolves it")
    func noData() throws {
        let rule = """
        groups:
          - name: g
            rules:
              - alert: SlowReplies
                expr: first_response_minutes > 60
        """
        for (policy, expected) in [("", [AlertEvent.Kind.firing, .resolved]), ("        no_data: keep\n", [.firing])] {
            var engine = try engine(rule + "\n" + policy)
            var fixture = EvaluationFixture()
            try fixture.load("first_response_minutes", every: .minutes(10), [70, nil, nil])
            var kinds: [AlertEvent.Kind] = []
            for minute in [Int64(0), 10, 20] {
                kinds += engine.evaluateAll(at: minutes(minute), series: &fixture.series).transitions.map(\.event.kind)
            }
            #expect(kinds == expected, "no_data policy: \(policy)")
        }
    }

    @Test("a rule that fails is reported and the others still run; limit resolves what fired")
    func failuresAndLimit() throws {
        var engine = try engine("""
        groups:
          - name: g
            limit: 1
            rules:
              - record: broken
                expr: a / on (k) b
              - alert: Many
                expr: a > 0
              - record: fine
                expr: sum(a)
        """)
        var fixture = EvaluationFixture()
        try fixture.load(#"a{k="1", n="x"}"#, every: .minutes(1), [1])
        try fixture.load(#"a{k="1", n="y"}"#, every: .minutes(1), [2])
        try fixture.load(#"b{k="1"}"#, every: .minutes(1), [3])
        let cycle = engine.evaluateAll(at: minutes(0), series: &fixture.series)
        #expect(cycle.failures.map(\.rule) == ["broken", "Many"])
        #expect(cycle.failures[1].message == "exceeded limit of 1 with 2 alerts")
        #expect(try fixture.vector("fine", at: .zero) == ["fine": 3])
        #expect(engine.activeAlerts.isEmpty)
    }

    @Test("two series that collapse to one label set after the alert labels are a failure")
    func duplicateAlertLabels() throws {
        var engine = try engine("""
        groups:
          - name: g
            rules:
              - alert: Any
                expr: sum by (n) (a) > 0
                labels: {n: same}
        """)
        var fixture = EvaluationFixture()
        try fixture.load(#"a{n="x"}"#, every: .minutes(1), [1])
        try fixture.load(#"a{n="y"}"#, every: .minutes(1), [1])
        let cycle = engine.evaluateAll(at: minutes(0), series: &fixture.series)
        #expect(cycle.failures.first?.message == "vector contains metrics with the same labelset after applying alert labels")
    }
}

@Suite("Rule engine: restoring alert states")
struct RuleEngineRestoreTests {
    let rules = """
    groups:
      - name: care
        rules:
          - alert: SlowReplies
            expr: first_response_minutes > 60
            for: 5m
            annotations: {summary: "{{ $labels.network }}: {{ $value }}"}
    goals:
      - name: replies
        metric: first_response_minutes
        target: "<= 60"
        period: {month: 1970-01}
        alerts:
          breach: {}
    """

    func engine() throws -> RuleEngine {
        RuleEngine(files: [try RuleFileLoader.load(text: rules, path: "rules.yml", timeZone: TimeZone(identifier: "UTC")!)])
    }

    func minutes(_ value: Int64) -> Timestamp { Timestamp(milliseconds: value * 60_000) }

    @Test("a restart keeps a pending timer and does not fire a firing alert again")
    func restartKeepsTimersAndFiring() throws {
        var fixture = EvaluationFixture()
        try fixture.load(#"first_response_minutes{network="x"}"#, every: .minutes(1), Array(repeating: 70, count: 12))
        var first = try engine()
        var kinds: [AlertEvent.Kind] = []
        for minute in Int64(0)...2 { kinds += first.evaluateAll(at: minutes(minute), series: &fixture.series).transitions.map(\.event.kind) }
        // Pending since 0m (the rule), firing since 0m (the goal's breach, no `for`).
        #expect(kinds == [.firing, .pending])
        let persisted = try JSONEncoder().encode(first.activeAlerts)

        var second = try engine()
        #expect(second.restore(try JSONDecoder().decode([ActiveAlert].self, from: persisted)) == 2)
        var later: [(Int64, AlertEvent.Kind, String)] = []
        for minute in Int64(3)...6 {
            later += second.evaluateAll(at: minutes(minute), series: &fixture.series).transitions.map {
                (minute, $0.event.kind, $0.event.labels["alertname"] ?? "")
            }
        }
        // The rule fires 5 minutes after 0m, not after the restart; the breach is not announced again.
        #expect(later.map(\.0) == [5])
        #expect(later.map(\.1) == [.firing])
        #expect(later.map(\.2) == ["SlowReplies"])
        #expect(second.activeAlerts.first { $0.instance.labels["alertname"] == "SlowReplies" }?.annotations["summary"] == "x: 70")
    }

    @Test("alerts of rules that no longer exist are dropped")
    func removedRules() throws {
        var engine = try engine()
        let stranger = ActiveAlert(
            instance: AlertInstance(labels: Labels(["alertname": "Gone"]), phase: .firing, activeSince: minutes(0), value: 1),
            annotations: [:], origin: .rule(group: "care", rule: "Gone"), seriesLabels: .empty)
        #expect(engine.restore([stranger]) == 0)
        #expect(engine.activeAlerts.isEmpty)
    }
}
