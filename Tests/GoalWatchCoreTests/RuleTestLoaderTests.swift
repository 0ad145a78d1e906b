import Testing
@testable import GoalWatchCore

/// Loading promtool-format rule test files, extended with goal tests.
@Suite("rule test files")
struct RuleTestLoaderTests {
    static func load(_ text: String, path: String = "t.yml") throws(InputErrors) -> RuleTestFile {
        try RuleTestLoader.load(text: text, path: path)
    }

    /// The errors loading `text` reports, as `file:line:column: message` lines; empty when it loads.
    static func errors(_ text: String) -> [String] {
        do {
            _ = try load(text)
            return []
        } catch {
            return error.errors.map(\.description)
        }
    }

    static func values(_ numbers: [Double]) -> [SeriesValue] { numbers.map { .value($0) } }

    /// The shape of the example in Prometheus' "Unit testing for rules" page: four-space indents,
    /// comments between entries, quoted series and plain expressions.
    static let documentationShape = """
        # The main input for unit testing: only this file is named on the command line.

        rule_files:
            - alerts.yml

        evaluation_interval: 1m

        tests:
            # Test 1.
            - interval: 1m
              # Series data.
              input_series:
                  - series: 'up{job="sprout", instance="export:443"}'
                    values: '0 0 0 0 0 0 0 0 0 0 0 0 0 0 0'
                  - series: 'up{job="hootsuite", instance="api:443"}'
                    values: '1+0x6 0 0 0 0 0 0 0 0' # 1 1 1 1 1 1 1 0 0 0 0 0 0 0 0
                  - series: 'followers{network="instagram", account="acme"}'
                    values: '10+10x2 30+20x5' # 10 20 30 30 50 70 90 110 130
                  - series: 'followers{network="tiktok", account="acme"}'
                    values: '10+10x7 10+30x4' # 10 20 30 40 50 60 70 80 10 40 70 100 130

              # Unit test for alerting rules.
              alert_rule_test:
                  # Unit test 1.
                  - eval_time: 10m
                    alertname: SourceDown
                    exp_alerts:
                        # Alert 1.
                        - exp_labels:
                              severity: page
                              instance: export:443
                              job: sprout
                          exp_annotations:
                              summary: "Source export:443 down"
                              description: "export:443 of job sprout has been down for more than 5 minutes."
              # Unit tests for promql expressions.
              promql_expr_test:
                  # Unit test 1.
                  - expr: followers > 5
                    eval_time: 4m
                    exp_samples:
                        # Sample 1.
                        - labels: 'followers{network="instagram",account="acme"}'
                          value: 50
                        # Sample 2.
                        - labels: 'followers{network="tiktok",account="acme"}'
                          value: 50

        """

    @Test("a file in the shape of Prometheus' documented example loads with every part")
    func documentationExample() throws {
        let file = try Self.load(Self.documentationShape)
        #expect(file.path == "t.yml")
        #expect(file.ruleFiles == ["alerts.yml"])
        #expect(file.evaluationInterval == .minutes(1))
        #expect(file.fuzzyCompare == false)
        #expect(file.groupEvalOrder.isEmpty)
        #expect(file.tests.count == 1)

        let group = try #require(file.tests.first)
        #expect(group.name == nil)
        #expect(group.interval == .minutes(1))
        #expect(group.startTimestamp == Timestamp(milliseconds: 0))
        #expect(group.location == SourceLocation(file: "t.yml", line: 10, column: 7))
        #expect(group.inputSeries.map(\.labels) == [
            Labels(["__name__": "up", "job": "sprout", "instance": "export:443"]),
            Labels(["__name__": "up", "job": "hootsuite", "instance": "api:443"]),
            Labels(["__name__": "followers", "network": "instagram", "account": "acme"]),
            Labels(["__name__": "followers", "network": "tiktok", "account": "acme"]),
        ])
        #expect(group.inputSeries[0].values == Self.values(Array(repeating: 0, count: 15)))
        #expect(group.inputSeries[1].values == Self.values(Array(repeating: 1, count: 7) + Array(repeating: 0, count: 8)))
        #expect(group.inputSeries[2].values == Self.values([10, 20, 30, 30, 50, 70, 90, 110, 130]))
        #expect(group.inputSeries[3].values == Self.values([10, 20, 30, 40, 50, 60, 70, 80, 10, 40, 70, 100, 130]))
        #expect(group.inputSeries[0].location == SourceLocation(file: "t.yml", line: 13, column: 13))

        #expect(group.alertRuleTests == [AlertRuleTest(
            evalTime: .minutes(10), alertName: "SourceDown",
            expectedAlerts: [ExpectedAlert(
                labels: ["severity": "page", "instance": "export:443", "job": "sprout"],
                annotations: [
                    "summary": "Source export:443 down",
                    "description": "export:443 of job sprout has been down for more than 5 minutes.",
                ],
                location: SourceLocation(file: "t.yml", line: 29, column: 19))],
            location: SourceLocation(file: "t.yml", line: 25, column: 13))])

        let expression = try #require(group.promqlExprTests.first)
        #expect(group.promqlExprTests.count == 1)
        #expect(expression.expressionText == "followers > 5")
        #expect(expression.expression == (try PromQL.parse("followers > 5")))
        #expect(expression.evalTime == .minutes(4))
        #expect(expression.expectedSamples.map(\.labels) == [
            Labels(["__name__": "followers", "network": "instagram", "account": "acme"]),
            Labels(["__name__": "followers", "network": "tiktok", "account": "acme"]),
        ])
        #expect(expression.expectedSamples.map(\.value) == [50, 50])
        #expect(group.maxEvalTime == .minutes(10))
    }

    @Test("promtool's defaults and shorthands: no interval, zero durations, bare numbers, empty expectations")
    func defaultsAndShorthands() throws {
        let file = try Self.load("""
            rule_files: [rules.yml]
            evaluation_interval: 30s
            fuzzy_compare: true
            group_eval_order: [kpis, goals]
            tests:
              - name: epoch
                input_series:
                  - series: test
                    values: 1
                  - series: declared_only
                promql_expr_test:
                  - expr: test
                    eval_time: 0
                    exp_samples:
                      - value: 1
                        labels: test
                  - expr: time()
                    eval_time: 5m
                    exp_samples:
                      - value: 300
                  - expr: absent(test)
              - name: unset interval
                interval: 0s
                alert_rule_test:
                  - eval_time: 1d
                    alertname: AlwaysFiring
                    exp_alerts:
                      - {}
                  - alertname: InstanceDown
                    exp_alerts: []

            """)
        #expect(file.evaluationInterval == .seconds(30))
        #expect(file.fuzzyCompare)
        #expect(file.groupEvalOrder == ["kpis", "goals"])
        let epoch = file.tests[0]
        #expect(epoch.name == "epoch")
        #expect(epoch.interval == .seconds(30))
        #expect(epoch.inputSeries.map(\.values) == [[.value(1)], []])
        #expect(epoch.promqlExprTests.map(\.evalTime) == [.seconds(0), .minutes(5), .seconds(0)])
        #expect(epoch.promqlExprTests[0].expectedSamples.map(\.labels) == [Labels(["__name__": "test"])])
        #expect(epoch.promqlExprTests[1].expectedSamples.map(\.labels) == [Labels.empty])
        #expect(epoch.promqlExprTests[2].expectedSamples.isEmpty)
        #expect(epoch.maxEvalTime == .minutes(5))

        let unset = file.tests[1]
        #expect(unset.interval == .seconds(30))
        #expect(unset.alertRuleTests.map(\.evalTime) == [.days(1), .seconds(0)])
        #expect(unset.alertRuleTests[0].expectedAlerts.map(\.labels) == [[:]])
        #expect(unset.alertRuleTests[1].expectedAlerts.isEmpty)
    }

    @Test("start_timestamp takes Unix seconds or RFC 3339, and defaults to the epoch", arguments: [
        ("start_timestamp: \"2024-01-01T00:00:00Z\"", 1_704_067_200_000),
        ("start_timestamp: 2024-01-01T00:00:00Z", 1_704_067_200_000),
        ("start_timestamp: 1609459200", 1_609_459_200_000),
        ("start_timestamp: 1609459200.25", 1_609_459_200_250),
        ("name: no start", 0),
    ] as [(String, Int64)])
    func startTimestamp(line: String, milliseconds: Int64) throws {
        let file = try Self.load("tests:\n  - \(line)\n")
        #expect(file.tests.first?.startTimestamp == Timestamp(milliseconds: milliseconds))
    }

    @Test("external labels and URL are read for templates")
    func externalLabels() throws {
        let file = try Self.load("tests:\n  - external_labels: {region: eu, team: social}\n    external_url: https://goalwatch.example/\n")
        #expect(file.tests.first?.externalLabels == ["region": "eu", "team": "social"])
        #expect(file.tests.first?.externalURL == "https://goalwatch.example/")
    }

    @Test("rule files resolve against the test file's folder, globs untouched")
    func ruleFilePaths() throws {
        let file = try Self.load("rule_files: [goals.yml, ../rules/*.yml, /etc/goalwatch/kpis.yml]\n", path: "tests/goals_test.yml")
        #expect(file.ruleFiles == ["goals.yml", "../rules/*.yml", "/etc/goalwatch/kpis.yml"])
        #expect(file.resolvedRuleFiles(currentDirectory: "/srv/gw") == [
            "/srv/gw/tests/goals.yml", "/srv/gw/rules/*.yml", "/etc/goalwatch/kpis.yml",
        ])
    }

    @Test("an empty file has no tests")
    func emptyFile() throws {
        #expect(try Self.load("# nothing yet\n").tests.isEmpty)
    }

    // MARK: - Goal tests

    static let goalTests = """
        rule_files: [goals.yml]
        tests:
          - interval: 1d
            start_timestamp: 2026-01-01T00:00:00Z
            input_series:
              - series: followers{network="instagram", account="acme"}
                values: 12000+100x60
            goal_test:
              - eval_time: 40d
                goal: instagram_followers_q1
                labels: {account: acme}
                exp_state: on_track
                exp_value: 16000
                exp_baseline: 12000
                exp_target: 14400
                exp_progress_ratio: 0.38
                exp_expected_ratio: 0.4444
                exp_forecast_value: 1.6e4
                exp_required_rate: -41.5
                exp_compliance_ratio: .nan
                exp_remaining_days: 50
              - eval_time: 90d
                goal: instagram_followers_q1
                exp_state: achieved

        """

    @Test("goal tests name the goal, the series and the expected state and figures")
    func goalTestsLoad() throws {
        let group = try #require(try Self.load(Self.goalTests).tests.first)
        #expect(group.startTimestamp == Timestamp(rfc3339: "2026-01-01T00:00:00Z"))
        #expect(group.inputSeries.first?.values.count == 61)
        #expect(group.maxEvalTime == .days(90))
        let test = try #require(group.goalTests.first)
        #expect(test.evalTime == .days(40))
        #expect(test.goal == "instagram_followers_q1")
        #expect(test.labels == ["account": "acme"])
        #expect(test.expectedState == .onTrack)
        #expect(test.location == SourceLocation(file: "t.yml", line: 9, column: 9))
        #expect(test.expectedFigures.map(\.key) == [
            "exp_value", "exp_baseline", "exp_target", "exp_progress_ratio", "exp_expected_ratio", "exp_forecast_value",
            "exp_required_rate", "exp_compliance_ratio", "exp_remaining_days",
        ])
        #expect(test.expectedProgressRatio?.value == 0.38)
        #expect(test.expectedProgressRatio?.location == SourceLocation(file: "t.yml", line: 16, column: 29))
        #expect(test.expectedForecastValue?.value == 16_000)

        let second = try #require(group.goalTests.last)
        #expect(second.expectedState == .achieved)
        #expect(second.labels.isEmpty)
        #expect(second.expectedFigures.isEmpty)
    }

    @Test("an expected figure matches what rounds to the digits written", arguments: [
        ("0.38", 0.3812, true), ("0.38", 0.3849, true), ("0.38", 0.386, false), ("0.38", 0.374, false),
        ("14400", 14_400.000000000002, true), ("14400", 14_400.4, true), ("14400", 14_401, false),
        ("1.6e4", 16_400, true), ("1.6e4", 16_600, false), ("-41.5", -41.54, true), ("-41.5", -41.56, false),
        ("2.5E-3", 0.00254, true), ("2.5E-3", 0.0026, false),
        (".nan", .nan, true), (".nan", 0, false), (".inf", .infinity, true), ("-.inf", .infinity, false),
        ("Inf", .infinity, true), ("-Inf", -.infinity, true), ("1", .nan, false),
    ] as [(String, Double, Bool)])
    func figureTolerance(text: String, actual: Double, matches: Bool) throws {
        let figure = try #require(ExpectedFigure(text, location: SourceLocation(file: "t.yml", line: 1)))
        #expect(figure.matches(actual) == matches)
    }

    @Test("an absent figure matches no expectation")
    func absentFigure() throws {
        let figure = try #require(ExpectedFigure("0", location: SourceLocation(file: "t.yml", line: 1)))
        #expect(!figure.matches(nil))
    }

    // MARK: - Positions inside scalars

    @Test("an expression's positions map to the file, inside a block scalar too")
    func expressionPositions() throws {
        let file = try Self.load("""
            tests:
              - promql_expr_test:
                  - expr: |
                      sum by (network) (
                        rate(followers[1d])
                      )

            """)
        let test = try #require(file.tests.first?.promqlExprTests.first)
        #expect(test.expressionText == "sum by (network) (\n  rate(followers[1d])\n)\n")
        #expect(test.location(of: PromQL.Position(offset: 0, line: 1, column: 1)) == SourceLocation(file: "t.yml", line: 4, column: 11))
        #expect(test.location(of: PromQL.Position(offset: 21, line: 2, column: 3)) == SourceLocation(file: "t.yml", line: 5, column: 13))
    }

    @Test("bad input is reported at file:line:column", arguments: [
        ("evaluation_intervall: 1m\n",
         "t.yml:1:1: unknown key 'evaluation_intervall' (did you mean 'evaluation_interval'?); allowed keys here: rule_files, evaluation_interval, fuzzy_compare, group_eval_order, tests"),
        ("tests:\n  - intervall: 1m\n",
         "t.yml:2:5: unknown key 'intervall' (did you mean 'interval'?); allowed keys here: name, interval, input_series, alert_rule_test, promql_expr_test, goal_test, external_labels, external_url, start_timestamp"),
        ("tests:\n  - interval: 5 minutes\n",
         "t.yml:2:15: expected a duration such as 30s, 5m or 1h30m, found \"5 minutes\""),
        ("tests:\n  - input_series:\n      - series: up\n        values: 1 2 abc\n",
         "t.yml:4:21: expected a number, _ or stale, found \"abc\""),
        ("tests:\n  - input_series:\n      - series: up\n        values: '1 2 abc'\n",
         "t.yml:4:22: expected a number, _ or stale, found \"abc\""),
        ("tests:\n  - input_series:\n      - series: up\n        values: \"1\\t2 abc\"\n",
         "t.yml:4:23: expected a number, _ or stale, found \"abc\""),
        ("tests:\n  - input_series:\n      - series: 'up{job=''a'', x=~''b''}'\n",
         "t.yml:3:33: expected '=' after the label name \"x\" (a series has exact label values, not matchers), found '=~'"),
        ("tests:\n  - input_series:\n      - series: up\n        values: |\n          1 2\n          3 abc\n",
         "t.yml:6:13: expected a number, _ or stale, found \"abc\""),
        ("tests:\n  - input_series:\n      - series: up\n        values: >-\n          1 2\n          3 abc\n",
         "t.yml:6:13: expected a number, _ or stale, found \"abc\""),
        ("tests:\n  - input_series:\n      - series: up\n        values: 1 2\n          3 abc\n",
         "t.yml:5:13: expected a number, _ or stale, found \"abc\""),
        ("tests:\n  - input_series:\n      - series: up\n        values: !!str 1 2 abc\n",
         "t.yml:4:27: expected a number, _ or stale, found \"abc\""),
        ("tests:\n  - input_series:\n      - series: up\n        values: &v 1 2 abc\n",
         "t.yml:4:24: expected a number, _ or stale, found \"abc\""),
        ("tests:\n  - input_series:\n      - series: up\n        values: [1, 2]\n",
         "t.yml:4:17: expected values in a string such as \"1+1x10 _ stale\", found a list"),
        ("tests:\n  - input_series:\n      - series: 'up{job=~\"a\"}'\n",
         "t.yml:3:24: expected '=' after the label name \"job\" (a series has exact label values, not matchers), found '=~'"),
        ("tests:\n  - input_series:\n      - series: '{}'\n",
         "t.yml:3:17: expected a series such as up{job=\"api\"}, found no labels"),
        ("tests:\n  - input_series:\n      - values: 1\n",
         "t.yml:3:9: missing key 'series': expected a series such as up{job=\"api\"}"),
        ("tests:\n  - promql_expr_test:\n      - expr: up\n        exp_samples:\n          - labels: 'up{a=\"b\",,}'\n",
         "t.yml:5:31: expected a label name ([a-zA-Z_][a-zA-Z0-9_]*) or '}', found ','"),
        ("tests:\n  - promql_expr_test:\n      - expr: up\n        exp_samples:\n          - labels: up\n            histogram: \"{{count:1}}\"\n",
         "t.yml:6:13: native histograms are not supported; expected 'value' with a number"),
        ("tests:\n  - promql_expr_test:\n      - expr: up\n        exp_samples:\n          - value: lots\n",
         "t.yml:5:20: expected a number such as 1, -2.5, 1e3, .inf or .nan, found \"lots\""),
        ("tests:\n  - promql_expr_test:\n      - eval_time: 1m\n",
         "t.yml:3:9: missing key 'expr': expected an expression such as sum(up)"),
        ("tests:\n  - alert_rule_test:\n      - eval_time: 5m\n",
         "t.yml:3:9: missing key 'alertname': expected the name of the alert to check"),
        ("tests:\n  - alert_rule_test:\n      - alertname: A\n        exp_alerts:\n          - exp_labels: {bad-name: x}\n",
         "t.yml:5:26: expected a label name ([a-zA-Z_][a-zA-Z0-9_]*), found \"bad-name\""),
        ("tests:\n  - alert_rule_test:\n      - alertname: A\n        exp_alerts:\n          - exp_labls: {}\n",
         "t.yml:5:13: unknown key 'exp_labls' (did you mean 'exp_labels'?); allowed keys here: exp_labels, exp_annotations"),
        ("group_eval_order: [a, b, a]\n",
         "t.yml:1:26: duplicate group \"a\" in group_eval_order: it is already listed at line 1; list each group once"),
        ("tests:\n  - start_timestamp: yesterday\n",
         "t.yml:2:22: expected a Unix time in seconds such as 1609459200 or an RFC 3339 time such as 2021-01-01T00:00:00Z, found \"yesterday\""),
        ("tests:\n  - goal_test:\n      - goal: g\n        eval_time: 1d\n",
         "t.yml:3:9: expected at least one of exp_state, exp_value, exp_baseline, exp_target, exp_progress_ratio, exp_expected_ratio, exp_forecast_value, exp_required_rate, exp_compliance_ratio, exp_remaining_days in a goal test, found none"),
        ("tests:\n  - goal_test:\n      - goal: g\n        exp_state: behindpace\n",
         "t.yml:4:20: expected one of inactive, stale, missed, achieved, behind_pace, at_risk, breached, on_track, found \"behindpace\" (did you mean 'behind_pace'?)"),
        ("tests:\n  - goal_test:\n      - goal: g\n        exp_value: lots\n",
         "t.yml:4:20: expected a number such as 0.5, -12, 1e3, .inf or .nan, found \"lots\""),
        ("tests:\n  - goal_test:\n      - exp_state: missed\n",
         "t.yml:3:9: missing key 'goal': expected the name of the goal to check"),
        ("tests:\n  - goal_test:\n      - goal: g\n        exp_sate: missed\n",
         "t.yml:4:9: unknown key 'exp_sate' (did you mean 'exp_state'?); allowed keys here: eval_time, goal, labels, exp_state, exp_value, exp_baseline, exp_target, exp_progress_ratio, exp_expected_ratio, exp_forecast_value, exp_required_rate, exp_compliance_ratio, exp_remaining_days"),
    ])
    func badInput(yaml: String, error: String) {
        #expect(Self.errors(yaml) == [error])
    }

    @Test("an expression that does not parse is reported at its offending token")
    func badExpression() {
        // The bracket's position in the message is the file's too.
        #expect(Self.errors("tests:\n  - promql_expr_test:\n      - expr: sum(up\n") == [
            "t.yml:3:21: expected ')' to close '(' opened at 3:18, found end of expression",
        ])
        // After escapes in a double-quoted scalar: `[5m]` is written at column 30.
        #expect(Self.errors("tests:\n  - promql_expr_test:\n      - expr: \"sum(rate(\\\"x\\\"[5m]))\"\n") == [
            "t.yml:3:30: expected a vector selector before the range '[5m]', found a string",
        ])
        #expect(Self.errors("tests:\n  - promql_expr_test:\n      - expr: |\n          sum(\n            rate(x[5m]\n") == [
            "t.yml:5:23: expected ')' to close '(' opened at 5:17, found end of expression",
        ])
    }

    @Test("every problem of a file is reported at once, in file order")
    func allErrors() {
        let errors = Self.errors("""
            evaluation_interval: soon
            tests:
              - input_series:
                  - series: up
                    values: 1 x
                alert_rule_test:
                  - eval_time: 5m

            """)
        #expect(errors == [
            "t.yml:1:22: expected a duration such as 30s, 5m or 1h30m, found \"soon\"",
            "t.yml:5:19: expected a value before 'x' (such as 1x5 or 1+2x5)",
            "t.yml:7:9: missing key 'alertname': expected the name of the alert to check",
        ])
    }
}
