import Foundation
import Testing
@testable import GoalWatchCore

@Suite("the example configuration of the design")
struct ConfigExampleTests {
    /// DESIGN §3 without the sections of later work (alerting, receivers, http).
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

        """

    @Test("the example loads with every value as written")
    func loadsEveryValue() throws {
        let config = try ConfigFixture.load(Self.example, path: "/etc/goalwatch/goalwatch.yml")
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
    }

    @Test("the later sections are unknown keys today, reported at their line and column")
    func laterSectionsAreUnknownKeys() {
        let text = Self.example + """
            alerting:
              route:
                receiver: marketing-oncall
            receivers:
              - name: marketing-oncall
            http:
              listen: 127.0.0.1:9464

            """
        let errors = ConfigFixture.errors(text)
        #expect(errors == [
            "goalwatch.yml:29:1: unknown key 'alerting'; allowed keys here: storage, evaluation, rule_files, sources",
            "goalwatch.yml:32:1: unknown key 'receivers'; allowed keys here: storage, evaluation, rule_files, sources",
            "goalwatch.yml:34:1: unknown key 'http'; allowed keys here: storage, evaluation, rule_files, sources",
        ])
    }
}
