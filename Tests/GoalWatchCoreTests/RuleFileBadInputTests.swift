import Testing
@testable import GoalWatchCore

/// A group whose rules follow from line 4, each starting `      - ` (keys at column 9).
private let rules = "groups:\n  - name: g\n    rules:\n"
/// A valid reach goal; further keys follow from line 6 at column 5.
private let goal = "goals:\n  - name: g\n    metric: followers\n    target: +20%\n    period: {quarter: 2026Q1}\n"
/// A valid maintain goal; further keys follow from line 6 at column 5.
private let maintain = "goals:\n  - name: m\n    metric: minutes\n    target: \"<= 60\"\n    period: {month: 2026-02}\n"

private let labelName = "a label name ([a-zA-Z_][a-zA-Z0-9_]*, not starting with __)"
private let reachKeys = "name, description, metric, baseline, target, period, pace, labels, annotations, grace, forecast, alerts"

@Suite("bad rule files are reported at their line and column")
struct RuleFileBadInputTests {
    static let ruleCorpus: [BadRuleFile] = [
        BadRuleFile("unknown top-level key", "group:\n  - name: g\n",
            "rules.yml:1:1: unknown key 'group' (did you mean 'groups'?); allowed keys here: groups, goals"),
        BadRuleFile("unknown group key", "groups:\n  - name: g\n    intervall: 1m\n",
            "rules.yml:3:5: unknown key 'intervall' (did you mean 'interval'?); allowed keys here: name, interval, limit, labels, query_offset, rules"),
        BadRuleFile("unknown alerting rule key", rules + "      - alert: A\n        expr: up == 0\n        anotations: {}\n",
            "rules.yml:6:9: unknown key 'anotations' (did you mean 'annotations'?); allowed keys here: alert, expr, for, keep_firing_for, labels, annotations, no_data, recover_when"),
        BadRuleFile("unknown recording rule key", rules + "      - record: a\n        expr: up\n        lables: {}\n",
            "rules.yml:6:9: unknown key 'lables' (did you mean 'labels'?); allowed keys here: record, expr, labels"),
        BadRuleFile("the whole file is a list", "- name: g\n", "rules.yml:1:1: expected a mapping, found a list"),
        BadRuleFile("rules is a mapping", "groups:\n  - name: g\n    rules: {record: a}\n", "rules.yml:3:12: expected a list, found a mapping"),
        BadRuleFile("a rule is a string", rules + "      - up == 0\n",
            "rules.yml:4:9: expected a rule (a mapping with 'record' or 'alert'), found \"up == 0\""),
        BadRuleFile("both record and alert", rules + "      - record: a\n        alert: B\n        expr: up\n",
            "rules.yml:5:9: only one of 'record' and 'alert' may be set: this rule has both ('record' at 4:9)"),
        BadRuleFile("neither record nor alert", rules + "      - expr: up\n",
            "rules.yml:4:9: one of 'record' or 'alert' must be set: expected 'record: <metric name>' for a recording rule or 'alert: <name>' for an alerting rule"),
        BadRuleFile("for on a recording rule", rules + "      - record: a\n        expr: up\n        for: 5m\n",
            "rules.yml:6:9: invalid field 'for' in recording rule: 'for' is only for alerting rules (a recording rule's keys: record, expr, labels)"),
        BadRuleFile("keep_firing_for on a recording rule", rules + "      - record: a\n        expr: up\n        keep_firing_for: 5m\n",
            "rules.yml:6:9: invalid field 'keep_firing_for' in recording rule: 'keep_firing_for' is only for alerting rules (a recording rule's keys: record, expr, labels)"),
        BadRuleFile("annotations on a recording rule", rules + "      - record: a\n        expr: up\n        annotations: {summary: x}\n",
            "rules.yml:6:9: invalid field 'annotations' in recording rule: 'annotations' is only for alerting rules (a recording rule's keys: record, expr, labels)"),
        BadRuleFile("recover_when on a recording rule", rules + "      - {record: a, expr: up, recover_when: up}\n",
            "rules.yml:4:31: invalid field 'recover_when' in recording rule: 'recover_when' is only for alerting rules (a recording rule's keys: record, expr, labels)"),
        BadRuleFile("invalid recording rule name", rules + "      - record: job rate\n        expr: up\n",
            "rules.yml:4:17: expected a metric name ([a-zA-Z_:][a-zA-Z0-9_:]*, not starting with __), found \"job rate\""),
        BadRuleFile("braces in a recording rule name", rules + "      - record: 'up{job=\"a\"}'\n        expr: up\n",
            "rules.yml:4:17: expected a metric name ([a-zA-Z_:][a-zA-Z0-9_:]*, not starting with __), found \"up{job=\\\"a\\\"}\" (braces present in the recording rule name; should it be in expr?)"),
        BadRuleFile("missing expr", rules + "      - alert: A\n",
            "rules.yml:4:9: missing key 'expr': expected a PromQL expression"),
        BadRuleFile("empty alert name", rules + "      - {alert: '', expr: up}\n",
            "rules.yml:4:17: expected an alert name such as SlowFirstResponse, found an empty string"),
        BadRuleFile("invalid label name of a recording rule", rules + "      - {record: a, expr: up, labels: {team-name: x}}\n",
            "rules.yml:4:40: expected \(labelName), found \"team-name\""),
        BadRuleFile("invalid annotation name", rules + "      - {alert: A, expr: up, annotations: {run book: x}}\n",
            "rules.yml:4:44: expected \(labelName), found \"run book\""),
        BadRuleFile("invalid group label name", "groups:\n  - name: g\n    labels: {__tenant: a}\n",
            "rules.yml:3:14: expected \(labelName), found \"__tenant\""),
        BadRuleFile("duplicate group name", "groups:\n  - name: g\n  - name: h\n  - name: g\n",
            "rules.yml:4:11: duplicate group name: \"g\" is already the name of the group at line 2; group names must be unique within a file"),
        BadRuleFile("missing group name", "groups:\n  - rules: []\n",
            "rules.yml:2:5: missing key 'name': expected the group's name, such as kpis"),
        BadRuleFile("empty group name", "groups:\n  - name: ''\n",
            "rules.yml:2:11: expected a group name, found an empty string"),
        BadRuleFile("bad duration", rules + "      - alert: A\n        expr: up\n        for: 5 minutes\n",
            "rules.yml:6:14: expected a duration such as 30s, 5m or 1h30m, found \"5 minutes\""),
        BadRuleFile("zero group interval", "groups:\n  - name: g\n    interval: 0s\n",
            "rules.yml:3:15: expected a duration longer than zero such as 30s, 5m or 1h30m, found \"0s\""),
        BadRuleFile("negative limit", "groups:\n  - name: g\n    limit: -1\n",
            "rules.yml:3:12: expected a number of series (0 for no limit), found \"-1\""),
        BadRuleFile("bad no_data", rules + "      - {alert: A, expr: up, no_data: keeep}\n",
            "rules.yml:4:39: expected one of ok, keep, alerting, found \"keeep\" (did you mean 'keep'?)"),
        BadRuleFile("template that fails to parse", rules + "      - alert: A\n        expr: up\n        annotations:\n          summary: \"{{ $labels.x \"\n",
            "rules.yml:7:21: expected '}}' to close the action opened here, found the end of the template"),
        BadRuleFile("expression that fails to parse", rules + "      - alert: A\n        expr: sum(rate(x[5m])\n",
            "rules.yml:5:30: expected ')' to close '(' opened at 5:18, found end of expression"),
        BadRuleFile("parenthesized range vector as a rule's result", rules + "      - record: a\n        expr: (x[5m])\n",
            "rules.yml:5:15: expected an instant vector or a scalar as the result of 'expr', found range vector"),
        BadRuleFile("range vector selector as a rule's result", rules + "      - record: a\n        expr: x[5m]\n",
            "rules.yml:5:15: expected an instant vector or a scalar as the result of 'expr', found range vector"),
        BadRuleFile("string as an alert's condition", rules + "      - alert: A\n        expr: '\"down\"'\n",
            "rules.yml:5:16: expected an instant vector or a scalar as the result of 'expr', found string"),
        BadRuleFile("recover_when that fails to parse", rules + "      - alert: A\n        expr: x > 60\n        recover_when: x <\n",
            "rules.yml:6:26: "),
        BadRuleFile("YAML syntax error", "groups:\n  - name: g\n   rules: []\n", "rules.yml:3:4: invalid YAML: "),
    ]

    static let goalCorpus: [BadRuleFile] = [
        BadRuleFile("unknown goal key", goal + "    pase: linear\n",
            "rules.yml:6:5: unknown key 'pase' (did you mean 'pace'?); allowed keys here: \(reachKeys)"),
        BadRuleFile("unknown forecast method", goal + "    forecast: quadratic\n",
            "rules.yml:6:15: expected a forecast method, linear or holt, found \"quadratic\""),
        BadRuleFile("duplicate goal name", goal + "  - {name: g, metric: x, target: 1, period: {month: 2026-01}}\n",
            "rules.yml:6:12: duplicate goal name: \"g\" is already the name of the goal at line 2; names must be unique"),
        BadRuleFile("invalid goal name", "goals:\n  - {name: \"my goal\", metric: x, target: 1, period: {month: 2026-01}}\n",
            "rules.yml:2:12: expected a goal name of letters, digits, '_', '.', ':' and '-', found \"my goal\""),
        BadRuleFile("missing target", "goals:\n  - {name: g, metric: x, period: {month: 2026-01}}\n",
            "rules.yml:2:5: missing key 'target': expected a target such as 14400, +20% or \"<= 60\""),
        BadRuleFile("missing period", "goals:\n  - {name: g, metric: x, target: 1}\n",
            "rules.yml:2:5: missing key 'period': expected a period such as {quarter: 2026Q1}"),
        BadRuleFile("bad target", "goals:\n  - {name: g, metric: x, target: twenty percent, period: {month: 2026-01}}\n",
            "rules.yml:2:34: expected a target such as 14400, +20%, -10%, +2400, \"<= 60\" or \">= 95\", found \"twenty percent\""),
        BadRuleFile("metric that fails to parse", "goals:\n  - name: g\n    metric: followers{network=instagram}\n    target: 1\n    period: {month: 2026-01}\n",
            "rules.yml:3:31: expected a quoted value for label \"network\", found \"instagram\""),
        BadRuleFile("bad quarter", "goals:\n  - {name: g, metric: x, target: 1, period: {quarter: 2026Q5}}\n",
            "rules.yml:2:55: expected a quarter such as 2026Q1, found \"2026Q5\""),
        BadRuleFile("bad month", "goals:\n  - {name: g, metric: x, target: 1, period: {month: 2026-13}}\n",
            "rules.yml:2:53: expected a month such as 2026-02, found \"2026-13\""),
        BadRuleFile("period without an end", "goals:\n  - {name: g, metric: x, target: 1, period: {start: 2026-01-01}}\n",
            "rules.yml:2:45: missing key 'end': expected the period's last day (inclusive), such as 2026-03-31"),
        BadRuleFile("period ending before it starts", "goals:\n  - {name: g, metric: x, target: 1, period: {start: 2026-03-01, end: 2026-01-31}}\n",
            "rules.yml:2:70: expected the period's end (2026-01-31) on or after its start (2026-03-01)"),
        BadRuleFile("not a real date", "goals:\n  - {name: g, metric: x, target: 1, period: {start: 2026-02-30, end: 2026-03-31}}\n",
            "rules.yml:2:53: expected a date such as 2026-01-01, found \"2026-02-30\""),
        BadRuleFile("two period forms", "goals:\n  - {name: g, metric: x, target: 1, period: {start: 2026-01-01, quarter: 2026Q1}}\n",
            "rules.yml:2:65: key 'quarter' cannot be combined with 'start': a period is {start: 2026-01-01, end: 2026-03-31}, {quarter: 2026Q1} or {month: 2026-02}"),
        BadRuleFile("period as a scalar", "goals:\n  - {name: g, metric: x, target: 1, period: 2026Q1}\n",
            "rules.yml:2:45: expected a period as {start: 2026-01-01, end: 2026-03-31}, {quarter: 2026Q1} or {month: 2026-02}, found \"2026Q1\""),
        BadRuleFile("unknown period key", "goals:\n  - {name: g, metric: x, target: 1, period: {quater: 2026Q1}}\n",
            "rules.yml:2:46: unknown key 'quater' (did you mean 'quarter'?); allowed keys here: start, end, quarter, month"),
        BadRuleFile("bad baseline instant", goal + "    baseline: {at: yesterday}\n",
            "rules.yml:6:20: expected a date such as 2026-01-01 or an RFC 3339 time such as 2026-01-01T09:00:00Z, found \"yesterday\""),
        BadRuleFile("bad baseline value", goal + "    baseline: {value: lots}\n",
            "rules.yml:6:23: expected a number, found \"lots\""),
        BadRuleFile("baseline with both forms", goal + "    baseline: {at: 2026-01-01, value: 3}\n",
            "rules.yml:6:32: key 'value' cannot be combined with 'at': a baseline is {at: 2026-01-01} or {value: 12000}"),
        BadRuleFile("baseline as a number", goal + "    baseline: 12000\n",
            "rules.yml:6:15: expected a baseline as {at: 2026-01-01} or {value: 12000}, found \"12000\""),
        BadRuleFile("unknown pace", goal + "    pace: compund\n",
            "rules.yml:6:11: expected linear, compound or {milestones: [{at: 2026-02-01, value: 13000}, …]}, found \"compund\" (did you mean 'compound'?)"),
        BadRuleFile("milestone outside the period", goal + "    pace: {milestones: [{at: 2026-04-15, value: 3}]}\n",
            "rules.yml:6:30: expected a milestone inside the period (2026-01-01 to 2026-03-31), found \"2026-04-15\""),
        BadRuleFile("milestones out of order", goal + "    pace: {milestones: [{at: 2026-03-01, value: 3}, {at: 2026-02-01, value: 2}]}\n",
            "rules.yml:6:58: expected milestones in time order, found \"2026-02-01\" after a later or equal one"),
        BadRuleFile("milestone without a value", goal + "    pace: {milestones: [{at: 2026-03-01}]}\n",
            "rules.yml:6:25: missing key 'value': expected the value expected by then"),
        BadRuleFile("pace on a maintain goal", maintain + "    pace: linear\n",
            "rules.yml:6:5: key 'pace' is only for reach goals; this goal's target \"<= 60\" makes it a maintain goal"),
        BadRuleFile("baseline on a maintain goal", maintain + "    baseline: {value: 3}\n",
            "rules.yml:6:5: key 'baseline' is only for reach goals; this goal's target \"<= 60\" makes it a maintain goal"),
        BadRuleFile("min_compliance on a reach goal", goal + "    min_compliance: 95%\n",
            "rules.yml:6:5: key 'min_compliance' is only for maintain goals; this goal's target \"+20%\" makes it a reach goal (maintain goals have targets such as \"<= 60\" or \">= 95\")"),
        BadRuleFile("behind_pace on a maintain goal", maintain + "    alerts: {behind_pace: {}}\n",
            "rules.yml:6:14: alert 'behind_pace' is only for reach goals; this goal's target \"<= 60\" makes it a maintain goal (its alerts: achieved, missed, stale, breach)"),
        BadRuleFile("forecast_miss on a maintain goal", maintain + "    alerts:\n      forecast_miss: {}\n",
            "rules.yml:7:7: alert 'forecast_miss' is only for reach goals; this goal's target \"<= 60\" makes it a maintain goal (its alerts: achieved, missed, stale, breach)"),
        BadRuleFile("unreachable on a maintain goal", maintain + "    alerts:\n      unreachable: {}\n",
            "rules.yml:7:7: alert 'unreachable' is only for reach goals; this goal's target \"<= 60\" makes it a maintain goal (its alerts: achieved, missed, stale, breach)"),
        BadRuleFile("breach on a reach goal", goal + "    alerts:\n      breach: {}\n",
            "rules.yml:7:7: alert 'breach' is only for maintain goals; this goal's target \"+20%\" makes it a reach goal (maintain goals have targets such as \"<= 60\" or \">= 95\") (its alerts: behind_pace, forecast_miss, achieved, missed, stale, unreachable)"),
        BadRuleFile("unknown alert kind", goal + "    alerts:\n      behind_pase: {}\n",
            "rules.yml:7:7: unknown key 'behind_pase' (did you mean 'behind_pace'?); allowed keys here: behind_pace, forecast_miss, achieved, missed, stale, unreachable"),
        BadRuleFile("unknown key of an alert", goal + "    alerts:\n      behind_pace: {tolerence: 5%}\n",
            "rules.yml:7:21: unknown key 'tolerence' (did you mean 'tolerance'?); allowed keys here: for, severity, labels, tolerance, min_elapsed"),
        BadRuleFile("key of another alert kind", goal + "    alerts:\n      stale: {window: 3d}\n",
            "rules.yml:7:15: key 'window' is only for forecast_miss and unreachable alerts; allowed keys for stale: severity, labels, after"),
        BadRuleFile("for on an achieved alert", goal + "    alerts:\n      achieved: {for: 1d}\n",
            "rules.yml:7:18: key 'for' is only for behind_pace, forecast_miss, unreachable and breach alerts; allowed keys for achieved: severity, labels"),
        BadRuleFile("tolerance over 100%", goal + "    alerts:\n      behind_pace: {tolerance: 150%}\n",
            "rules.yml:7:32: expected a share from 0 to 1 such as 5% or 0.05, found \"150%\""),
        BadRuleFile("min_compliance as a bare number", maintain + "    min_compliance: 95\n",
            "rules.yml:6:21: expected a share from 0 to 1 such as 95% or 0.95, found \"95\""),
        BadRuleFile("zero forecast window", goal + "    alerts:\n      forecast_miss: {window: 0d}\n",
            "rules.yml:7:31: expected a duration longer than zero such as 30s, 5m or 1h30m, found \"0d\""),
        BadRuleFile("reserved goal label", goal + "    labels: {goal: other}\n",
            "rules.yml:6:14: label 'goal' is set to the goal's name on its alerts and series; choose another name"),
        BadRuleFile("annotation template that fails to parse", goal + "    annotations: {summary: \"{{ if }}\"}\n",
            "rules.yml:6:29: expected a command, found nothing"),
    ]

    @Test("each bad rule gives exactly its error", arguments: ruleCorpus)
    func reportsRuleError(_ bad: BadRuleFile) {
        Self.check(bad)
    }

    @Test("each bad goal gives exactly its error", arguments: goalCorpus)
    func reportsGoalError(_ bad: BadRuleFile) {
        Self.check(bad)
    }

    static func check(_ bad: BadRuleFile) {
        let errors = RuleFixture.errors(bad.yaml)
        #expect(errors.count == 1, "\(errors)")
        let first = errors.first ?? ""
        // Messages that quote a parser's explanation are checked up to it.
        if bad.error.hasSuffix(": ") {
            #expect(first.hasPrefix(bad.error), "\(first)")
        } else {
            #expect(first == bad.error)
        }
    }

    @Test("several errors in one file are all reported, in the order of their positions")
    func reportsAllErrors() {
        let text = """
            groups:
              - name: kpis
                intervall: 1m
                rules:
                  - record: engagement rate
                    expr: engagements / impressions
                  - alert: SlowFirstResponse
                    expr: first_response_minutes >
                    for: 30 minutes
              - name: kpis
            goals:
              - name: g
                metric: followers
                target: "<= 60"
                period: {quarter: 2026Q5}
                pace: linear
              - name: g
                metric: x
                target: 1
                period: {month: 2026-01}

            """
        #expect(RuleFixture.errors(text) == [
            "rules.yml:3:5: unknown key 'intervall' (did you mean 'interval'?); allowed keys here: name, interval, limit, labels, query_offset, rules",
            "rules.yml:5:17: expected a metric name ([a-zA-Z_:][a-zA-Z0-9_:]*, not starting with __), found \"engagement rate\"",
            "rules.yml:8:39: expected an expression, found end of expression",
            "rules.yml:9:14: expected a duration such as 30s, 5m or 1h30m, found \"30 minutes\"",
            "rules.yml:10:11: duplicate group name: \"kpis\" is already the name of the group at line 2; group names must be unique within a file",
            "rules.yml:15:23: expected a quarter such as 2026Q1, found \"2026Q5\"",
            "rules.yml:16:5: key 'pace' is only for reach goals; this goal's target \"<= 60\" makes it a maintain goal",
            "rules.yml:17:11: duplicate goal name: \"g\" is already the name of the goal at line 12; names must be unique",
        ])
    }
}
