import Foundation
import Testing
@testable import GoalWatchCore

@Suite("rule files load into the model")
struct RuleFileLoaderTests {
    static let full = """
        groups:
          - name: kpis
            interval: 1m
            limit: 100
            query_offset: 30s
            labels: {source: goalwatch}
            rules:
              - record: job:engagement_rate:ratio
                expr: engagements / impressions
                labels: {team: social}
              - alert: SlowFirstResponse
                expr: first_response_minutes > 60
                for: 30m
                keep_firing_for: 10m
                labels: {severity: critical, team: care}
                annotations:
                  summary: "First response on {{ $labels.network }} is {{ $value | humanize }} min"
                no_data: keep
                recover_when: first_response_minutes < 45
          - name: empty
            rules: []
        goals:
          - name: instagram_followers_q1
            description: Grow Instagram followers 20 % by the end of Q1
            metric: followers{network="instagram", account="acme"}   # one series per scope
            baseline: {at: 2026-01-01}
            target: +20%
            period: {start: 2026-01-01, end: 2026-03-31}
            pace: linear
            labels: {team: social, severity: warning}
            alerts:
              behind_pace: {tolerance: 5%, for: 2d}
              forecast_miss: {window: 21d, for: 1d}
              achieved: {}
              missed: {severity: critical}
              stale: {after: 3d}
          - name: first_response
            metric: first_response_minutes
            target: "<= 60"
            period: {quarter: 2026Q1}
            min_compliance: 90%
            grace: 3d
            annotations: {summary: "Answered in {{ $value }} min"}
            alerts:
              breach: {for: 30m, severity: critical, labels: {team: care}}
              missed:
          - name: leads_feb
            metric: sum(leads)
            baseline: {value: 100}
            target: 500
            period: {month: 2026-02}
            pace: {milestones: [{at: 2026-02-10, value: 200}, {at: "2026-02-20T12:00:00Z", value: 350}]}
            alerts:
              behind_pace: {min_elapsed: 0.2}
              unreachable: {}

        """

    @Test("groups and their rules load with every key as written")
    func groupsLoad() throws {
        let file = try RuleFixture.load(Self.full)
        #expect(file.path == "rules.yml")
        #expect(file.groups.map(\.name) == ["kpis", "empty"])
        let kpis = try #require(file.groups.first)
        #expect(kpis.interval == .minutes(1))
        #expect(kpis.limit == 100)
        #expect(kpis.queryOffset == .seconds(30))
        #expect(kpis.labels == ["source": "goalwatch"])
        #expect(kpis.location == SourceLocation(file: "rules.yml", line: 2, column: 5))
        #expect(file.groups.last?.rules.isEmpty == true)
        #expect(file.groups.last?.interval == nil)
        #expect(file.groups.last?.limit == 0)

        let record = try #require(kpis.rules.first?.recording)
        #expect(record.record == "job:engagement_rate:ratio")
        #expect(record.expressionText == "engagements / impressions")
        #expect(record.expression == (try PromQL.parse("engagements / impressions")))
        #expect(record.labels == ["team": "social"])
        #expect(record.location == SourceLocation(file: "rules.yml", line: 8, column: 9))

        let alert = try #require(kpis.rules.last?.alerting)
        #expect(alert.name == "SlowFirstResponse")
        #expect(alert.expressionText == "first_response_minutes > 60")
        #expect(alert.holdDuration == .minutes(30))
        #expect(alert.keepFiringFor == .minutes(10))
        #expect(alert.labels.mapValues(\.text) == ["severity": "critical", "team": "care"])
        #expect(alert.annotations["summary"]?.text == "First response on {{ $labels.network }} is {{ $value | humanize }} min")
        let summary = try alert.annotations["summary"]?.render(labels: ["network": "x"], value: 75_300)
        #expect(summary == "First response on x is 75.3k min")
        #expect(alert.noData == .keep)
        #expect(alert.recoverWhenText == "first_response_minutes < 45")
        #expect(alert.recoverWhen == (try PromQL.parse("first_response_minutes < 45")))
        #expect(kpis.rules.map(\.name) == ["job:engagement_rate:ratio", "SlowFirstResponse"])
    }

    @Test("a reach goal loads with every key as written")
    func reachGoalLoads() throws {
        let goal = try #require(try RuleFixture.load(Self.full).goals.first)
        #expect(goal.name == "instagram_followers_q1")
        #expect(goal.description == "Grow Instagram followers 20 % by the end of Q1")
        #expect(goal.metricText == #"followers{network="instagram", account="acme"}"#)
        #expect(goal.baseline == .at(RuleFixture.midnight("2026-01-01")))
        #expect(goal.target == .relative(percent: 20))
        #expect(goal.period == GoalPeriod(start: RuleFixture.midnight("2026-01-01"), end: RuleFixture.midnight("2026-04-01")))
        #expect(goal.pace == .linear)
        #expect(goal.labels == ["team": "social", "severity": "warning"])
        #expect(goal.grace == .days(7))
        #expect(goal.isMaintain == false)
        #expect(goal.forecastWindow == .days(21))
        #expect(goal.staleAfter == .days(3))
        #expect(Set(goal.alerts.keys) == [.behindPace, .forecastMiss, .achieved, .missed, .stale])
        #expect(goal.alerts[.behindPace] == GoalAlertSettings(holdDuration: .days(2), tolerance: 0.05))
        #expect(goal.alerts[.forecastMiss] == GoalAlertSettings(holdDuration: .days(1), window: .days(21)))
        #expect(goal.alerts[.achieved] == GoalAlertSettings())
        #expect(goal.alerts[.missed] == GoalAlertSettings(severity: "critical"))
        #expect(goal.alerts[.stale] == GoalAlertSettings(after: .days(3)))
        #expect(goal.location == SourceLocation(file: "rules.yml", line: 23, column: 5))
    }

    @Test("a maintain goal loads, with a quarter period and its compliance share")
    func maintainGoalLoads() throws {
        let goal = try #require(try RuleFixture.load(Self.full).goals.dropFirst().first)
        #expect(goal.name == "first_response")
        #expect(goal.target == .atMost(60))
        #expect(goal.isMaintain)
        #expect(goal.period == GoalPeriod(start: RuleFixture.midnight("2026-01-01"), end: RuleFixture.midnight("2026-04-01")))
        #expect(goal.baseline == .at(goal.period.start))
        #expect(goal.minCompliance == 0.9)
        #expect(goal.grace == .days(3))
        #expect(goal.annotations["summary"]?.text == "Answered in {{ $value }} min")
        #expect(goal.alerts[.breach] == GoalAlertSettings(holdDuration: .minutes(30), severity: "critical", labels: ["team": "care"]))
        #expect(goal.alerts[.missed] == GoalAlertSettings())
        #expect(goal.forecastWindow == .days(14))
        #expect(goal.staleAfter == .days(2))
    }

    @Test("a goal with a month period, a fixed baseline and milestones loads")
    func milestoneGoalLoads() throws {
        let goal = try #require(try RuleFixture.load(Self.full).goals.last)
        #expect(goal.baseline == .value(100))
        #expect(goal.target == .absolute(500))
        #expect(goal.period == GoalPeriod(start: RuleFixture.midnight("2026-02-01"), end: RuleFixture.midnight("2026-03-01")))
        #expect(goal.pace == .milestones([
            GoalPace.Milestone(at: RuleFixture.midnight("2026-02-10"), value: 200),
            GoalPace.Milestone(at: Timestamp(rfc3339: "2026-02-20T12:00:00Z") ?? Timestamp(milliseconds: 0), value: 350),
        ]))
        #expect(goal.alerts[.behindPace] == GoalAlertSettings(minElapsed: 0.2))
        #expect(goal.alerts[.unreachable] == GoalAlertSettings(window: .days(30)))
        #expect(goal.minCompliance == 0.95)
    }

    @Test("periods are days in the time zone handed in")
    func periodsFollowTheTimeZone() throws {
        let text = "goals:\n  - {name: g, metric: x, target: 10, period: {start: 2026-03-01, end: 2026-03-31}}\n"
        let utc = try RuleFileLoader.load(text: text, path: "r.yml", timeZone: TimeZone(identifier: "UTC") ?? .gmt)
        let berlin = try RuleFileLoader.load(text: text, path: "r.yml", timeZone: TimeZone(identifier: "Europe/Berlin") ?? .gmt)
        #expect(utc.goals.first?.period.start == Timestamp(rfc3339: "2026-03-01T00:00:00Z"))
        #expect(berlin.goals.first?.period.start == Timestamp(rfc3339: "2026-02-28T23:00:00Z"))
        // Berlin moves to summer time on 29 March: the period ends at 00:00 CEST on 1 April.
        #expect(berlin.goals.first?.period.end == Timestamp(rfc3339: "2026-03-31T22:00:00Z"))
    }

    @Test("an empty file, a file of comments and a file with empty sections are valid")
    func emptyFilesLoad() throws {
        for text in ["", "# nothing yet\n", "groups: []\ngoals: []\n", "groups:\ngoals:\n"] {
            let file = try RuleFixture.load(text)
            #expect(file.groups.isEmpty && file.goals.isEmpty)
        }
    }

    @Test("a recording rule may carry Prometheus' empty alerting fields, as promtool allows")
    func recordingRuleWithZeroFor() throws {
        let text = "groups:\n  - name: g\n    rules:\n      - {record: a, expr: up, for: 0s, keep_firing_for: 0s, annotations: {}}\n"
        #expect(try RuleFixture.load(text).allRules.first?.recording?.record == "a")
    }

    @Test("a scalar expression is a valid rule result, as Prometheus records it as one series")
    func scalarExpression() throws {
        let text = "groups:\n  - name: g\n    rules:\n      - {record: one, expr: 1 + 1}\n      - {alert: Always, expr: vector(1)}\n"
        let rules = try RuleFixture.load(text).allRules
        #expect(rules.first?.recording?.expression.type == .scalar)
        #expect(rules.last?.alerting?.expression.type == .instantVector)
    }
}

@Suite("Prometheus rule files load unchanged")
struct PrometheusRuleFileTests {
    /// The examples of Prometheus' recording-rule, alerting-rule and template docs, as written there.
    static let examples = [
        """
        groups:
          - name: example
            rules:
            - record: code:prometheus_http_requests_total:sum
              expr: sum by (code) (prometheus_http_requests_total)
        """,
        """
        groups:
        - name: example
          labels:
            team: myteam
          rules:
          - alert: HighRequestLatency
            expr: job:request_latency_seconds:mean5m{job="myjob"} > 0.5
            for: 10m
            keep_firing_for: 5m
            labels:
              severity: page
            annotations:
              summary: High request latency
        """,
        """
        groups:
        - name: example
          rules:

          # Alert for any instance that is unreachable for >5 minutes.
          - alert: InstanceDown
            expr: up == 0
            for: 5m
            labels:
              severity: page
            annotations:
              summary: "Instance {{ $labels.instance }} down"
              description: "{{ $labels.instance }} of job {{ $labels.job }} has been down for more than 5 minutes."

          # Alert for any instance that has a median request latency >1s.
          - alert: APIHighRequestLatency
            expr: api_http_request_latencies_second{quantile="0.5"} > 1
            for: 10m
            annotations:
              summary: "High request latency on {{ $labels.instance }}"
              description: "{{ $labels.instance }} has a median request latency above 1s (current value: {{ $value }}s)"
        """,
        """
        groups:
          - name: example
            interval: 30s
            limit: 10
            query_offset: 1m
            rules:
            - record: job:http_inprogress_requests:sum
              expr: sum by (job) (http_inprogress_requests)
        """,
    ]

    @Test("each example of Prometheus' docs loads", arguments: examples)
    func exampleLoads(_ text: String) throws {
        let file = try RuleFixture.load(text)
        #expect(file.groups.count == 1)
        #expect(file.goals.isEmpty)
    }

    @Test("the alerting example keeps its group labels, for, keep_firing_for and templates")
    func alertingExampleValues() throws {
        let group = try #require(try RuleFixture.load(Self.examples[1]).groups.first)
        #expect(group.labels == ["team": "myteam"])
        let rule = try #require(group.rules.first?.alerting)
        #expect(rule.name == "HighRequestLatency")
        #expect(rule.holdDuration == .minutes(10))
        #expect(rule.keepFiringFor == .minutes(5))
        #expect(rule.noData == .ok)
        #expect(rule.recoverWhen == nil)
        #expect(try rule.labels["severity"]?.render(labels: [:], value: 0) == "page")
        let description = try #require(try RuleFixture.load(Self.examples[2]).allRules.last?.alerting?.annotations["description"])
        #expect(try description.render(labels: ["instance": "web-1"], value: 1.5) == "web-1 has a median request latency above 1s (current value: 1.5s)")
    }
}

@Suite("the examples of docs/rules.md")
struct RuleDocsExampleTests {
    /// The YAML blocks of docs/rules.md.
    static func yamlBlocks() throws -> [String] {
        let docs = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/rules.md")
        return try String(contentsOf: docs, encoding: .utf8).components(separatedBy: "```yaml\n").dropFirst()
            .compactMap { $0.components(separatedBy: "```").first }
    }

    @Test("every whole rule file shown in the docs loads")
    func examplesLoad() throws {
        let examples = try Self.yamlBlocks().filter { $0.hasPrefix("groups:") || $0.hasPrefix("goals:") }
        #expect(examples.count >= 3)
        for example in examples {
            #expect(RuleFixture.errors(example) == [], "\(example)")
        }
    }

    @Test("the rule fragments shown in the docs load inside a group")
    func fragmentsLoad() throws {
        let fragments = try Self.yamlBlocks().filter { $0.hasPrefix("- record:") || $0.hasPrefix("- alert:") }
        #expect(fragments.count == 2)
        for fragment in fragments {
            let indented = fragment.split(separator: "\n").map { "      " + $0 }.joined(separator: "\n")
            #expect(RuleFixture.errors("groups:\n  - name: g\n    rules:\n" + indented + "\n") == [], "\(fragment)")
        }
    }
}
