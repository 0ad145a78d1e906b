import Foundation
import Testing
@testable import GoalWatchCore

@Suite("the example configuration of the design")
struct ConfigExampleTests {
    /// DESIGN §3 without its http section (tested on its own).
    static let example = """
        storage:
          path: /var/lib/goalwatch/goalwatch.sqlite   # default: $STATE_DIRECTORY/goalwatch.sqlite, else ./goalwatch.sqlite
          retention: 400d
        evaluation:
          interval: 1m              # how often rules run
          lookback: 5m              # default staleness window for a series (Prometheus' lookback delta)
          timezone: Europe/Istanbul # used for calendar periods (quarters, months) and time intervals
        rule_files: [/etc/goalwatch/rules/*.yml]
        sources:
          - name: sprout-export
            kind: file              # file | http
            path: /var/lib/goalwatch/inbox/*.csv
            format: csv             # json | ndjson | csv (auto by extension when omitted)
            every: 5m               # poll interval; file sources also react to inotify when available
            lookback: 26h           # series from this source stay current this long (daily exports)
            csv:
              delimiter: auto       # auto | "," | ";" | "\\t"
              decimal: auto         # auto | "." | ","   (European exports write 4,21)
              timestamp: {column: Date, format: "yyyy-MM-dd", timezone: Europe/Berlin}
              labels: {Network: network, Profile: account}
              metrics: {Followers: followers, Impressions: impressions, "Engagements": engagements}
            after_read: keep        # keep | move:<dir> | delete ; bad files always go to quarantine
          - name: care-api
            kind: http
            url: https://care.example/api/kpis.json
            format: json
            every: 1m
            headers: {Authorization: "Bearer ${file:/run/credentials/goalwatch.service/care-token}"}
        alerting:
          route:                    # Alertmanager-style routing tree
            receiver: marketing-oncall
            group_by: [alertname, goal]
            group_wait: 30s
            group_interval: 5m
            repeat_interval: 4h
            routes:
              - matchers: ['team="care"', 'severity="critical"']
                receiver: care-pager
                active_time_intervals: [business-hours]
          inhibit_rules:
            - source_matchers: ['severity="critical"']
              target_matchers: ['severity="warning"']
              equal: [goal]
          time_intervals:
            - name: business-hours
              time_intervals: [{weekdays: ['monday:friday'], times: [{start_time: '08:00', end_time: '20:00'}], location: Europe/Istanbul}]
        receivers:
          - name: marketing-oncall
            webhook: {url: https://hooks.example/goalwatch, format: generic, secret_file: /run/credentials/goalwatch.service/hook-secret}
          - name: care-pager
            slack: {url_file: /run/credentials/goalwatch.service/slack-url}

        """

    /// The credentials the example reads.
    static let files = ConfigFixture.files.merging([
        "/run/credentials/goalwatch.service/hook-secret": "hook-hmac-key\n",
        "/run/credentials/goalwatch.service/slack-url": "https://hooks.slack.example/services/T0/B0/x\n",
    ]) { $1 }

    @Test("the example loads with every value as written")
    func loadsEveryValue() throws {
        let config = try ConfigFixture.load(Self.example, path: "/etc/goalwatch/goalwatch.yml", files: Self.files)
        #expect(config.path == "/etc/goalwatch/goalwatch.yml")
        #expect(config.directory == "/etc/goalwatch")
        #expect(config.storage == StorageConfiguration(path: "/var/lib/goalwatch/goalwatch.sqlite", retention: .days(400)))
        #expect(config.evaluation.interval == .minutes(1))
        #expect(config.evaluation.lookback == .minutes(5))
        #expect(config.evaluation.timeZone.identifier == "Europe/Istanbul")
        #expect(config.ruleFiles == ["/etc/goalwatch/rules/*.yml"])
        try #require(config.sources.count == 2)

        let sprout = config.sources[0]
        #expect(sprout.name == "sprout-export")
        #expect(sprout.kind == .file(FileSourceOptions(path: "/var/lib/goalwatch/inbox/*.csv", afterRead: .keep)))
        #expect(sprout.format == .csv)
        #expect(sprout.every == .minutes(5))
        #expect(sprout.lookback == .hours(26))
        #expect(sprout.staleAfter == .minutes(15))
        #expect(sprout.csv == CSVOptions(
            delimiter: nil, decimalMark: nil,
            timestamp: TimestampColumn(column: "Date", format: .pattern("yyyy-MM-dd"), timeZone: "Europe/Berlin"),
            labels: ["Network": "network", "Profile": "account"],
            metrics: ["Followers": "followers", "Impressions": "impressions", "Engagements": "engagements"]))
        #expect(sprout.ndjson == nil)
        #expect(sprout.labels.isEmpty)
        #expect(sprout.nonNegative.isEmpty)
        #expect(sprout.limits == IngestLimits())
        #expect(sprout.location == SourceLocation(file: "/etc/goalwatch/goalwatch.yml", line: 10, column: 5))

        let care = config.sources[1]
        #expect(care.name == "care-api")
        #expect(care.format == .json)
        #expect(care.every == .minutes(1))
        #expect(care.lookback == nil)
        #expect(care.staleAfter == .minutes(3))
        #expect(care.csv == nil)
        guard case .http(let http) = care.kind else {
            Issue.record("care-api should be an http source")
            return
        }
        #expect(http.url == .plain("https://care.example/api/kpis.json"))
        #expect(http.timeout == .seconds(10))
        #expect(http.headers.count == 1)
        #expect(http.headers["Authorization"]?.isSecret == true)
        #expect(http.headers["Authorization"]?.reveal() == "Bearer s3cr3t-care-token")

        #expect(config.alerting.route?.receiver == "marketing-oncall")
        #expect(config.alerting.route?.routes.first?.receiver == "care-pager")
        #expect(config.alerting.inhibitRules.count == 1)
        #expect(config.alerting.timeIntervals.keys.sorted() == ["business-hours"])
        #expect(config.receivers.map(\.name) == ["marketing-oncall", "care-pager"])
        #expect(config.receivers.map(\.kind.key) == ["webhook", "slack"])
    }

    @Test("the design's http section loads: the API on loopback with the token of its credential")
    func httpSection() throws {
        let text = Self.example + """
            http:
              listen: 127.0.0.1:9464    # or "systemd" for socket activation; omit to disable
              token_file: /run/credentials/goalwatch.service/api-token   # required for every mutating call

            """
        let files = Self.files.merging(["/run/credentials/goalwatch.service/api-token": "api-token-value\n"]) { $1 }
        let http = try #require(try ConfigFixture.load(text, files: files).http)
        #expect(http.listen == .address(host: "127.0.0.1", port: 9464))
        #expect(http.token?.reveal() == "api-token-value")
        #expect(http.maxBody == HTTPConfiguration.defaultMaxBody)
    }
}
