import Foundation
import Testing
@testable import GoalWatchCore

@Suite("configuration defaults and paths")
struct ConfigDefaultsTests {
    @Test("an empty file is a configuration of defaults")
    func emptyFileHasDefaults() throws {
        let config = try ConfigFixture.load("# nothing configured yet\n")
        #expect(config.storage == StorageConfiguration(path: "/srv/goalwatch/goalwatch.sqlite", retention: .days(400)))
        #expect(config.evaluation.interval == .minutes(1))
        #expect(config.evaluation.lookback == .minutes(5))
        #expect(config.evaluation.timeZone.secondsFromGMT() == 0)
        #expect(config.ruleFiles.isEmpty)
        #expect(config.sources.isEmpty)
    }

    @Test("sections left empty take their defaults")
    func emptySectionsHaveDefaults() throws {
        let config = try ConfigFixture.load("storage:\nevaluation:\nsources:\n")
        #expect(config.storage.retention == .days(400))
        #expect(config.evaluation == EvaluationConfiguration())
        #expect(config.sources.isEmpty)
    }

    @Test("the database defaults to STATE_DIRECTORY when systemd sets it")
    func storageDefaultsToStateDirectory() throws {
        let config = try ConfigFixture.load("", environment: ["STATE_DIRECTORY": "/var/lib/goalwatch:/var/lib/other"])
        #expect(config.storage.path == "/var/lib/goalwatch/goalwatch.sqlite")
    }

    @Test("relative paths are resolved against the configuration file's folder")
    func relativePathsFollowTheConfigFile() throws {
        let text = """
            storage: {path: state/goalwatch.sqlite}
            rule_files: [rules/*.yml, ../shared/kpis.yml, /etc/goalwatch/extra.yml]
            sources:
              - name: inbox
                kind: file
                path: ./inbox/*.ndjson
                after_read: move:done
              - name: care
                kind: http
                url: https://care.example/kpis
                format: ndjson
                headers: {Authorization: "Bearer ${file:secrets/token}"}

            """
        let config = try ConfigFixture.load(
            text, path: "conf/goalwatch.yml", files: ["/srv/goalwatch/conf/secrets/token": "t0k3n"])
        #expect(config.directory == "/srv/goalwatch/conf")
        #expect(config.storage.path == "/srv/goalwatch/conf/state/goalwatch.sqlite")
        #expect(config.ruleFiles == [
            "/srv/goalwatch/conf/rules/*.yml", "/srv/goalwatch/shared/kpis.yml", "/etc/goalwatch/extra.yml",
        ])
        #expect(config.sources.first?.kind == .file(FileSourceOptions(
            path: "/srv/goalwatch/conf/inbox/*.ndjson", afterRead: .move(to: "/srv/goalwatch/conf/done"))))
        guard case .http(let http)? = config.sources.last?.kind else {
            Issue.record("care should be an http source")
            return
        }
        #expect(http.headers["Authorization"]?.reveal() == "Bearer t0k3n")
    }

    @Test("a source's defaults: every 1m, stale after 3 × every, format by extension, keep, default limits")
    func sourceDefaults() throws {
        let text = """
            sources:
              - {name: a, kind: file, path: inbox/*.json}
              - {name: b, kind: file, path: "inbox/*", every: 10m}
              - {name: c, kind: http, url: "https://x.example/feed.ndjson?day=1"}

            """
        let config = try ConfigFixture.load(text)
        try #require(config.sources.count == 3)
        let (a, b, c) = (config.sources[0], config.sources[1], config.sources[2])
        #expect(a.every == .minutes(1))
        #expect(a.staleAfter == .minutes(3))
        #expect(a.format == .json)
        #expect(a.kind == .file(FileSourceOptions(path: "/srv/goalwatch/inbox/*.json", afterRead: .keep)))
        #expect(a.limits == IngestLimits())
        #expect(b.format == nil)
        #expect(b.staleAfter == .minutes(30))
        #expect(c.format == .ndjson)
        guard case .http(let http) = c.kind else {
            Issue.record("c should be an http source")
            return
        }
        #expect(http.timeout == .seconds(10))
        #expect(http.headers.isEmpty)
    }

    @Test("every key of a source is read")
    func everySourceKeyIsRead() throws {
        let text = """
            sources:
              - name: x-export.daily_1
                kind: file
                path: /data/x/*.tsv
                every: 1h
                lookback: 26h
                stale_after: 2d
                labels: {network: twitter, tier: 1}
                non_negative: [followers, "impressions"]
                max_future: 2h
                limits: {max_file_size: 64MiB, max_line_length: 64kB, max_rows: 1000, max_series: 50}
                after_read: delete
                csv:
                  delimiter: tab
                  decimal: ","
                  timestamp: {column: Time, format: unix_ms}
                  metrics: {Followers: followers}
                  na_values: ["", "—"]
                  comment: "#"
                  skip_rows: "^(Lifetime|Grand total)$"
              - name: push
                kind: file
                path: /data/push/*.ndjson
                ndjson: {labels: [network, account], metrics: [followers]}

            """
        let config = try ConfigFixture.load(text)
        try #require(config.sources.count == 2)
        let x = config.sources[0]
        #expect(x.name == "x-export.daily_1")
        #expect(x.format == .csv)
        #expect(x.every == .hours(1))
        #expect(x.lookback == .hours(26))
        #expect(x.staleAfter == .days(2))
        #expect(x.labels == ["network": "twitter", "tier": "1"])
        #expect(x.nonNegative == ["followers", "impressions"])
        #expect(x.limits == IngestLimits(
            maxFileBytes: 64 << 20, maxLineBytes: 64_000, maxRows: 1000, maxSeries: 50, maxFuture: .hours(2)))
        #expect(x.kind == .file(FileSourceOptions(path: "/data/x/*.tsv", afterRead: .delete)))
        #expect(x.csv == CSVOptions(
            delimiter: UInt8(ascii: "\t"), decimalMark: UInt8(ascii: ","),
            timestamp: TimestampColumn(column: "Time", format: .unixMilliseconds),
            metrics: ["Followers": "followers"], naValues: ["", "—"], commentPrefix: "#",
            skipRows: "^(Lifetime|Grand total)$"))
        let push = config.sources[1]
        #expect(push.format == .ndjson)
        #expect(push.ndjson == NDJSONOptions(labelKeys: ["network", "account"], metricKeys: ["followers"]))
        let context = push.decodeContext(origin: "/data/push/a.ndjson", now: Timestamp(milliseconds: 0))
        #expect(context.ndjsonLabelKeys == ["network", "account"])
        #expect(context.ndjsonMetricKeys == ["followers"])
    }
}
