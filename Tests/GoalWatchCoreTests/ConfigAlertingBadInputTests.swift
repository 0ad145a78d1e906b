import Testing
@testable import GoalWatchCore

/// A receiver and a root route to build bad alerting sections from; line 5 is `    receiver: oncall`.
private let routed = """
    receivers:
      - {name: oncall, webhook: {url: "https://hooks.example/a"}}
    alerting:
      route:
        receiver: oncall

    """

/// A valid time interval list item to build bad ones from; line 8 is `        - weekdays: [monday]`.
private let interval = routed + """
      time_intervals:
        - name: hours
          time_intervals:

    """

/// A receiver entry's start; line 2 is `  - name: r`.
private let receiver = """
    receivers:
      - name: r

    """

@Suite("bad alerting and receiver settings are reported at their line and column")
struct ConfigAlertingBadInputTests {
    static let files = [
        "/srv/goalwatch/empty-secret": "\n",
        "/srv/goalwatch/not-a-url": "hooks.example/no-scheme\n",
        "/srv/goalwatch/bad.tmpl": "Alerts:\n{{ range .Alerts }}{{ .Labels.alertname \n{{ end }}\n",
    ]

    static let routes: [BadConfig] = [
        BadConfig(
            name: "a child route names an unknown receiver, with a suggestion",
            yaml: routed + "    routes:\n      - matchers: ['team=\"care\"']\n        receiver: oncal\n",
            error: "goalwatch.yml:8:19: unknown receiver 'oncal' (did you mean 'oncall'?); receivers defined: oncall"),
        BadConfig(
            name: "a fallback receiver that does not exist",
            yaml: routed + "    fallback_receiver: nobody\n",
            error: "goalwatch.yml:6:24: unknown receiver 'nobody'; receivers defined: oncall"),
        BadConfig(
            name: "a route to a receiver when none are defined",
            yaml: "alerting:\n  route: {receiver: oncall}\n",
            error: "goalwatch.yml:2:21: unknown receiver 'oncall'; no receivers are defined (add them under receivers)"),
        BadConfig(
            name: "the root route without a receiver",
            yaml: "alerting:\n  route:\n    group_by: [goal]\n",
            error: "goalwatch.yml:3:5: missing key 'receiver': expected the name of the receiver of alerts no child route takes"),
        BadConfig(
            name: "an alerting section without a route",
            yaml: "alerting:\n  inhibit_rules: []\n",
            error: "goalwatch.yml:2:3: missing key 'route': expected the routing tree's root, such as {receiver: marketing-oncall}"),
        BadConfig(
            name: "the root route with matchers",
            yaml: routed + "    matchers: ['team=\"care\"']\n",
            error: "goalwatch.yml:6:5: the root route takes every alert at every time, so it cannot have matchers; set it on a route under routes:"),
        BadConfig(
            name: "the root route with an active time interval",
            yaml: routed + "    active_time_intervals: []\n",
            error: "goalwatch.yml:6:5: the root route takes every alert at every time, so it cannot have active_time_intervals; set it on a route under routes:"),
        BadConfig(
            name: "an unknown time interval",
            yaml: routed + "    routes:\n      - {matchers: ['a=\"b\"'], mute_time_intervals: [nights]}\n",
            error: "goalwatch.yml:7:53: unknown time interval 'nights'; no time intervals are defined (add them under alerting.time_intervals)"),
        BadConfig(
            name: "group_by mixing ... with label names",
            yaml: routed + "    group_by: ['...', team]\n",
            error: "goalwatch.yml:6:16: '...' groups by every label and cannot be combined with label names; write group_by: ['...'] alone or list only label names"),
        BadConfig(
            name: "group_by with an invalid label name",
            yaml: routed + "    group_by: [team-name]\n",
            error: "goalwatch.yml:6:16: expected a label name ([a-zA-Z_][a-zA-Z0-9_]*, not starting with __), found \"team-name\""),
        BadConfig(
            name: "group_by naming a label twice",
            yaml: routed + "    group_by: [a, a]\n",
            error: "goalwatch.yml:6:19: duplicate label 'a' in group_by: it is already listed at 6:16"),
        BadConfig(
            name: "a bad regular expression, at its position inside the matcher",
            yaml: routed + "    routes:\n      - matchers: ['severity=~\"warn(ing\"']\n",
            error: "goalwatch.yml:7:31: expected a valid regular expression, found \"warn(ing\": "),
        BadConfig(
            name: "a matcher without an operator",
            yaml: routed + "    routes:\n      - matchers: ['team~\"care\"']\n",
            error: "goalwatch.yml:7:25: expected =, !=, =~ or !~ after the label name team, found \"~\\\"care\\\"\""),
        BadConfig(
            name: "a matcher that is not a string",
            yaml: routed + "    routes:\n      - matchers: [{team: care}]\n",
            error: "goalwatch.yml:7:20: expected a matcher such as 'team=\"care\"', found a mapping"),
        BadConfig(
            name: "Alertmanager's older match syntax",
            yaml: routed + "    routes:\n      - match: {team: care}\n",
            error: "goalwatch.yml:7:9: Alertmanager's older matcher syntax is not accepted; write matchers: ['name=\"value\"'] (or =~ for a regular expression)"),
        BadConfig(
            name: "a zero group interval",
            yaml: routed + "    group_interval: 0s\n",
            error: "goalwatch.yml:6:21: expected a duration longer than zero such as 30s, 5m or 1h30m, found \"0s\""),
        BadConfig(
            name: "continue that is not a boolean",
            yaml: routed + "    routes:\n      - {matchers: ['a=b'], continue: yes please}\n",
            error: "goalwatch.yml:7:39: expected true or false, found \"yes please\""),
        BadConfig(
            name: "an unknown route key, with a suggestion",
            yaml: routed + "    repeat_intervall: 1h\n",
            error: "goalwatch.yml:6:5: unknown key 'repeat_intervall' (did you mean 'repeat_interval'?); allowed keys here: receiver, matchers, continue, group_by, group_wait, group_interval, repeat_interval, mute_time_intervals, active_time_intervals, fallback_receiver, routes"),
        BadConfig(
            name: "an inhibition rule with an invalid label in equal",
            yaml: routed + "  inhibit_rules:\n    - {source_matchers: ['a=\"b\"'], equal: [goal, \"account id\"]}\n",
            error: "goalwatch.yml:7:50: expected a label name ([a-zA-Z_][a-zA-Z0-9_]*, not starting with __), found \"account id\""),
        BadConfig(
            name: "an inhibition rule in Alertmanager's older syntax",
            yaml: routed + "  inhibit_rules:\n    - source_match: {severity: critical}\n",
            error: "goalwatch.yml:7:7: Alertmanager's older matcher syntax is not accepted; write source_matchers: ['name=\"value\"'] (or =~ for a regular expression)"),
    ]

    static let timeIntervals: [BadConfig] = [
        BadConfig(
            name: "an end time before the start time",
            yaml: interval + "        - times: [{start_time: '20:00', end_time: '08:00'}]\n",
            error: "goalwatch.yml:9:51: expected an end time after the start time 20:00, found \"08:00\" (a range cannot pass midnight: write two ranges, up to 24:00 and from 00:00)"),
        BadConfig(
            name: "an end time equal to the start time",
            yaml: interval + "        - times: [{start_time: '08:00', end_time: '08:00'}]\n",
            error: "goalwatch.yml:9:51: expected an end time after the start time 08:00, found \"08:00\" (a range cannot pass midnight: write two ranges, up to 24:00 and from 00:00)"),
        BadConfig(
            name: "a time without its leading zero",
            yaml: interval + "        - times: [{start_time: '8:00', end_time: '20:00'}]\n",
            error: "goalwatch.yml:9:32: expected a time of day HH:MM from 00:00 to 24:00, such as 08:00, found \"8:00\""),
        BadConfig(
            name: "a time past 24:00",
            yaml: interval + "        - times: [{start_time: '08:00', end_time: '24:01'}]\n",
            error: "goalwatch.yml:9:51: expected a time of day HH:MM from 00:00 to 24:00, such as 08:00, found \"24:01\""),
        BadConfig(
            name: "a time range without an end",
            yaml: interval + "        - times: [{start_time: '08:00'}]\n",
            error: "goalwatch.yml:9:19: missing key 'end_time': expected a time of day such as 08:00"),
        BadConfig(
            name: "a misspelt weekday, with a suggestion",
            yaml: interval + "        - weekdays: [mondy]\n",
            error: "goalwatch.yml:9:22: expected a weekday name (sunday … saturday), found \"mondy\" (did you mean 'monday'?)"),
        BadConfig(
            name: "a weekday range across the weekend",
            yaml: interval + "        - weekdays: ['saturday:monday']\n",
            error: "goalwatch.yml:9:22: expected a range of weekdays from sunday to saturday, found \"saturday:monday\" (a range cannot wrap around the week: list its parts, [saturday, sunday:monday])"),
        BadConfig(
            name: "day 0 of the month",
            yaml: interval + "        - days_of_month: [0]\n",
            error: "goalwatch.yml:9:27: expected a day of the month from 1 to 31, or from -31 to -1 counting from the month's end, found \"0\""),
        BadConfig(
            name: "day 32 of the month",
            yaml: interval + "        - days_of_month: ['1:32']\n",
            error: "goalwatch.yml:9:27: expected a day of the month from 1 to 31, or from -31 to -1 counting from the month's end, found \"32\""),
        BadConfig(
            name: "a range from the month's end to a day from its start",
            yaml: interval + "        - days_of_month: ['-5:3']\n",
            error: "goalwatch.yml:9:27: expected the range's end to count from the month's end too, found \"-5:3\" (a range that starts from the month's end must end there: such as -7:-1)"),
        BadConfig(
            name: "a reversed range of days",
            yaml: interval + "        - days_of_month: ['10:5']\n",
            error: "goalwatch.yml:9:27: expected a range whose first day comes before its last, found \"10:5\""),
        BadConfig(
            name: "a range of days from the end that is always empty",
            yaml: interval + "        - days_of_month: ['-1:-3']\n",
            error: "goalwatch.yml:9:27: expected a range whose first day comes before its last, found \"-1:-3\""),
        BadConfig(
            name: "month 13",
            yaml: interval + "        - months: ['13']\n",
            error: "goalwatch.yml:9:20: expected a month name (january … december) or a number from 1 to 12, found \"13\""),
        BadConfig(
            name: "a misspelt month, with a suggestion",
            yaml: interval + "        - months: [febuary]\n",
            error: "goalwatch.yml:9:20: expected a month name (january … december) or a number from 1 to 12, found \"febuary\" (did you mean 'february'?)"),
        BadConfig(
            name: "a month range across the new year",
            yaml: interval + "        - months: ['november:february']\n",
            error: "goalwatch.yml:9:20: expected a range of months within a year, found \"november:february\" (a range cannot wrap around the year: list its parts, [november:december, january:february])"),
        BadConfig(
            name: "a reversed range of years",
            yaml: interval + "        - years: ['2027:2026']\n",
            error: "goalwatch.yml:9:19: expected a range of years whose first year comes before its last, found \"2027:2026\""),
        BadConfig(
            name: "a range with three parts",
            yaml: interval + "        - years: ['2026:2027:2028']\n",
            error: "goalwatch.yml:9:19: expected a year or a range of years such as 2026 or 2026:2028, found \"2026:2027:2028\""),
        BadConfig(
            name: "an unknown location, with a suggestion",
            yaml: interval + "        - location: Europe/Berln\n",
            error: "goalwatch.yml:9:21: expected an IANA time zone name such as Europe/Istanbul or UTC, found \"Europe/Berln\" (did you mean 'Europe/Berlin'?)"),
        BadConfig(
            name: "Alertmanager's older time_zone key",
            yaml: interval + "        - time_zone: UTC\n",
            error: "goalwatch.yml:9:11: key 'time_zone' is the older name of 'location' in Alertmanager; write location: instead"),
        BadConfig(
            name: "an empty list of weekdays",
            yaml: interval + "        - weekdays: []\n",
            error: "goalwatch.yml:9:21: expected at least one weekday in 'weekdays', found an empty list; leave 'weekdays' out to allow any"),
        BadConfig(
            name: "a duplicate time interval name",
            yaml: interval + "        - weekdays: [monday]\n    - name: hours\n      time_intervals: []\n",
            error: "goalwatch.yml:10:13: duplicate time interval name 'hours': it is already the name of the time interval at line 7; names must be unique"),
    ]

    static let receivers: [BadConfig] = [
        BadConfig(
            name: "a duplicate receiver name",
            yaml: "receivers:\n  - {name: a, slack: {url: \"https://x.example/1\"}}\n  - {name: a, slack: {url: \"https://x.example/2\"}}\n",
            error: "goalwatch.yml:3:12: duplicate receiver name: \"a\" is already the name of the receiver at line 2; names must be unique"),
        BadConfig(
            name: "a receiver without a kind",
            yaml: receiver + "    timeout: 5s\n",
            error: "goalwatch.yml:2:5: missing the receiver's kind: expected one of the keys webhook, slack, msteams, pagerduty, alertmanager"),
        BadConfig(
            name: "a receiver with two kinds",
            yaml: receiver + "    slack: {url: \"https://x.example/1\"}\n    msteams: {url: \"https://x.example/2\"}\n",
            error: "goalwatch.yml:4:5: a receiver has one kind, and this one is already slack (line 3); define another receiver for msteams"),
        BadConfig(
            name: "a bad receiver name",
            yaml: "receivers:\n  - {name: \"on call\", slack: {url: \"https://x.example/1\"}}\n",
            error: "goalwatch.yml:2:12: expected a receiver name of letters, digits, '_', '.' and '-', found \"on call\""),
        BadConfig(
            name: "an unknown webhook format",
            yaml: receiver + "    webhook: {url: \"https://x.example/1\", format: alertmanager}\n",
            error: "goalwatch.yml:3:51: expected one of generic, alertmanager_webhook, found \"alertmanager\""),
        BadConfig(
            name: "a url that is not http(s)",
            yaml: receiver + "    slack: {url: \"ftp://x.example/1\"}\n",
            error: "goalwatch.yml:3:18: expected an http(s) URL such as https://care.example/api/kpis.json, found \"ftp://x.example/1\""),
        BadConfig(
            name: "both url and url_file",
            yaml: receiver + "    slack: {url: \"https://x.example/1\", url_file: not-a-url}\n",
            error: "goalwatch.yml:3:41: give either url or url_file, not both"),
        BadConfig(
            name: "neither url nor url_file",
            yaml: receiver + "    msteams: {template: hello}\n",
            error: "goalwatch.yml:3:14: missing key 'url': expected an http(s) URL, or url_file naming a file that holds it"),
        BadConfig(
            name: "a url_file that does not exist names the path",
            yaml: receiver + "    slack: {url_file: /run/credentials/goalwatch.service/slack-url}\n",
            error: "goalwatch.yml:3:23: cannot read /run/credentials/goalwatch.service/slack-url (named by url_file): no such file"),
        BadConfig(
            name: "a url_file whose contents are not a URL does not show them",
            yaml: receiver + "    slack: {url_file: not-a-url}\n",
            error: "goalwatch.yml:3:23: expected an http(s) URL such as https://care.example/api/kpis.json (value from /srv/goalwatch/not-a-url not shown)"),
        BadConfig(
            name: "an empty secret file",
            yaml: receiver + "    webhook: {url: \"https://x.example/1\", secret_file: empty-secret}\n",
            error: "goalwatch.yml:3:56: expected a secret in /srv/goalwatch/empty-secret (named by secret_file), found an empty file"),
        BadConfig(
            name: "a template that does not parse, at its position in the file",
            yaml: receiver + "    slack:\n      url: \"https://x.example/1\"\n      template: |\n        Alerts:\n        {{ range .Alerts }}{{ .Labels.alertname }}\n",
            error: "goalwatch.yml:7:9: expected {{end}} to close the {{range}} opened here, found the end of the template"),
        BadConfig(
            name: "a template file that does not parse, at its position in that file",
            yaml: receiver + "    slack: {url: \"https://x.example/1\", template_file: bad.tmpl}\n",
            error: "/srv/goalwatch/bad.tmpl:3:1: unexpected character '{' in the action"),
        BadConfig(
            name: "a pagerduty receiver without a routing key",
            yaml: receiver + "    pagerduty: {severity: critical}\n",
            error: "goalwatch.yml:3:16: missing key 'routing_key': expected the integration's routing key, or routing_key_file naming a file that holds it"),
        BadConfig(
            name: "an alertmanager receiver without URLs",
            yaml: receiver + "    alertmanager: {urls: []}\n",
            error: "goalwatch.yml:3:26: expected a list of Alertmanager base URLs, such as [http://127.0.0.1:9093], found an empty list"),
        BadConfig(
            name: "a concurrency of zero",
            yaml: receiver + "    slack: {url: \"https://x.example/1\"}\n    concurrency: 0\n",
            error: "goalwatch.yml:4:18: expected a positive integer, found \"0\""),
        BadConfig(
            name: "a CA file that does not exist",
            yaml: receiver + "    slack: {url: \"https://x.example/1\"}\n    tls: {ca_file: certs/ca.pem}\n",
            error: "goalwatch.yml:4:20: cannot read /srv/goalwatch/certs/ca.pem (named by ca_file): no such file"),
        BadConfig(
            name: "a delivery key inside the kind's block",
            yaml: receiver + "    slack: {url: \"https://x.example/1\", timeout: 5s}\n",
            error: "goalwatch.yml:3:41: unknown key 'timeout'; allowed keys here: url, url_file, template, template_file"),
    ]

    @Test("each bad routing setting gives exactly its error", arguments: routes)
    func reportsRouteError(_ bad: BadConfig) {
        Self.expectOnly(bad)
    }

    @Test("each bad time interval gives exactly its error", arguments: timeIntervals)
    func reportsTimeIntervalError(_ bad: BadConfig) {
        Self.expectOnly(bad)
    }

    @Test("each bad receiver gives exactly its error", arguments: receivers)
    func reportsReceiverError(_ bad: BadConfig) {
        Self.expectOnly(bad)
    }

    @Test("errors in routes, time intervals and receivers are all reported together")
    func reportsAllErrors() {
        let text = """
            receivers:
              - {name: a, slack: {url: "ftp://x"}}
              - {name: a, webhook: {url: "https://x.example", format: json}}
            alerting:
              route:
                receiver: b
                routes:
                  - {matchers: ['x=~"("'], active_time_intervals: [hours]}
              time_intervals:
                - {name: hours, time_intervals: [{weekdays: [funday]}]}

            """
        let errors = ConfigFixture.errors(text)
        #expect(errors.count == 6, "\(errors)")
        #expect(errors.map { $0.split(separator: ":").prefix(3).joined(separator: ":") } == [
            "goalwatch.yml:2:28", "goalwatch.yml:3:12", "goalwatch.yml:3:59", "goalwatch.yml:6:15", "goalwatch.yml:8:25",
            "goalwatch.yml:10:50",
        ])
    }

    static func expectOnly(_ bad: BadConfig) {
        let errors = ConfigFixture.errors(bad.yaml, environment: bad.environment, files: ConfigFixture.files.merging(files) { $1 })
        #expect(errors.count == 1, "\(errors)")
        let first = errors.first ?? ""
        // Messages that quote a parser's explanation are checked up to it.
        if bad.error.hasSuffix(": ") {
            #expect(first.hasPrefix(bad.error), "\(first)")
        } else {
            #expect(first == bad.error)
        }
    }
}
