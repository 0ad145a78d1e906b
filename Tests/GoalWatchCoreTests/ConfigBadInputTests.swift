import Testing
@testable import GoalWatchCore

/// One bad configuration and the error it must produce.
struct BadConfig: Sendable, CustomTestStringConvertible {
    var name: String
    var yaml: String
    /// The whole error line: `goalwatch.yml:line:column: message`.
    var error: String
    var environment: [String: String] = [:]

    var testDescription: String { name }
}

/// A valid source to build bad ones from; line 2 is `  - name: a`.
private let source = """
    sources:
      - name: a
        kind: file
        path: inbox/*.json

    """

@Suite("bad configurations are reported at their line and column")
struct ConfigBadInputTests {
    static let corpus: [BadConfig] = [
        BadConfig(
            name: "unknown key, with a suggestion",
            yaml: "storage:\n  retension: 30d\n",
            error: "goalwatch.yml:2:3: unknown key 'retension' (did you mean 'retention'?); allowed keys here: path, retention"),
        BadConfig(
            name: "unknown key of a source",
            yaml: source + "    evrey: 5m\n",
            error: "goalwatch.yml:5:5: unknown key 'evrey' (did you mean 'every'?); allowed keys here: name, kind, format, every, lookback, stale_after, labels, non_negative, ndjson, csv, limits, max_future, path, after_read"),
        BadConfig(
            name: "wrong type: a list for a duration",
            yaml: "evaluation:\n  interval: [1m]\n",
            error: "goalwatch.yml:2:13: expected a duration longer than zero such as 30s, 5m or 1h30m, found a list"),
        BadConfig(
            name: "wrong type: a mapping for the sources list",
            yaml: "sources:\n  name: a\n",
            error: "goalwatch.yml:2:3: expected a list, found a mapping"),
        BadConfig(
            name: "wrong type: a list for the whole file",
            yaml: "- storage\n",
            error: "goalwatch.yml:1:1: expected a mapping, found a list"),
        BadConfig(
            name: "bad duration",
            yaml: "evaluation:\n  lookback: 5 minutes\n",
            error: "goalwatch.yml:2:13: expected a duration longer than zero such as 30s, 5m or 1h30m, found \"5 minutes\""),
        BadConfig(
            name: "zero interval",
            yaml: "evaluation:\n  interval: 0s\n",
            error: "goalwatch.yml:2:13: expected a duration longer than zero such as 30s, 5m or 1h30m, found \"0s\""),
        BadConfig(
            name: "bad time zone, with a suggestion",
            yaml: "evaluation:\n  timezone: Europe/Istambul\n",
            error: "goalwatch.yml:2:13: expected an IANA time zone name such as Europe/Istanbul or UTC, found \"Europe/Istambul\" (did you mean 'Europe/Istanbul'?)"),
        BadConfig(
            name: "bad regex",
            yaml: source + "    format: csv\n    csv: {timestamp: {column: Date}, metrics: {F: followers}, skip_rows: \"Lifetime(\"}\n",
            error: "goalwatch.yml:6:74: expected a regular expression, found \"Lifetime(\": "),
        BadConfig(
            name: "bad metric name",
            yaml: source + "    format: csv\n    csv: {timestamp: {column: Date}, metrics: {Followers: 2followers}}\n",
            error: "goalwatch.yml:6:59: expected a metric name ([a-zA-Z_:][a-zA-Z0-9_:]*, not starting with __), found \"2followers\""),
        BadConfig(
            name: "bad label name in a csv mapping",
            yaml: source + "    format: csv\n    csv: {timestamp: {column: Date}, labels: {Network: net-work}, metrics: {F: f}}\n",
            error: "goalwatch.yml:6:56: expected a label name ([a-zA-Z_][a-zA-Z0-9_]*, not starting with __), found \"net-work\""),
        BadConfig(
            name: "reserved constant label name",
            yaml: source + "    labels: {__tenant: acme}\n",
            error: "goalwatch.yml:5:14: expected a label name ([a-zA-Z_][a-zA-Z0-9_]*, not starting with __), found \"__tenant\""),
        BadConfig(
            name: "bad non-negative metric name",
            yaml: source + "    non_negative: [followers, \"new followers\"]\n",
            error: "goalwatch.yml:5:31: expected a metric name ([a-zA-Z_:][a-zA-Z0-9_:]*, not starting with __), found \"new followers\""),
        BadConfig(
            name: "duplicate source name",
            yaml: source + "  - name: a\n    kind: http\n    url: https://x.example/a.json\n",
            error: "goalwatch.yml:5:11: duplicate source name: \"a\" is already the name of the source at line 2; names must be unique"),
        BadConfig(
            name: "invalid source name",
            yaml: "sources:\n  - {name: \"sprout export\", kind: file, path: a.json}\n",
            error: "goalwatch.yml:2:12: expected a source name of letters, digits, '_', '.' and '-', found \"sprout export\""),
        BadConfig(
            name: "missing source name",
            yaml: "sources:\n  - kind: file\n    path: a.json\n",
            error: "goalwatch.yml:2:5: missing key 'name': expected the source's name, such as sprout-export"),
        BadConfig(
            name: "unknown kind, with a suggestion",
            yaml: "sources:\n  - {name: a, kind: fil, path: a.json}\n",
            error: "goalwatch.yml:2:21: expected one of file, http, found \"fil\" (did you mean 'file'?)"),
        BadConfig(
            name: "csv format without a csv block",
            yaml: source + "    format: csv\n",
            error: "goalwatch.yml:5:13: format csv needs a 'csv:' block mapping the columns (at least timestamp and metrics), found none"),
        BadConfig(
            name: "csv path without a csv block",
            yaml: "sources:\n  - name: a\n    kind: file\n    path: inbox/*.csv\n",
            error: "goalwatch.yml:4:11: format csv needs a 'csv:' block mapping the columns (at least timestamp and metrics), found none"),
        BadConfig(
            name: "csv block on a json source",
            yaml: source + "    csv: {timestamp: {column: Date}, metrics: {F: f}}\n",
            error: "goalwatch.yml:5:5: key 'csv' is only for format csv; this source's format is json"),
        BadConfig(
            name: "csv block without metrics",
            yaml: source + "    format: csv\n    csv: {timestamp: {column: Date}}\n",
            error: "goalwatch.yml:6:10: missing key 'metrics': expected a mapping of column headers to metric names"),
        BadConfig(
            name: "a column mapped twice",
            yaml: source + "    format: csv\n    csv: {timestamp: {column: Date}, metrics: {Date: followers}}\n",
            error: "goalwatch.yml:6:48: column \"Date\" is already used as the timestamp; a column maps to one thing"),
        BadConfig(
            name: "misspelt timestamp format",
            yaml: source + "    format: csv\n    csv: {timestamp: {column: Date, format: rfc3399}, metrics: {F: f}}\n",
            error: "goalwatch.yml:6:45: expected rfc3339, unix, unix_ms or a date pattern with a year such as yyyy-MM-dd, found \"rfc3399\" (did you mean 'rfc3339'?)"),
        BadConfig(
            name: "bad delimiter",
            yaml: source + "    format: csv\n    csv: {delimiter: \"|\", timestamp: {column: Date}, metrics: {F: f}}\n",
            error: #"goalwatch.yml:6:22: expected auto, ",", ";" or tab ("\t"), found "|""#),
        BadConfig(
            name: "key of the other kind: url on a file source",
            yaml: source + "    url: https://x.example/a.json\n",
            error: "goalwatch.yml:5:5: key 'url' is only for http sources; this source is kind file (its own keys: path, after_read)"),
        BadConfig(
            name: "key of the other kind: path on an http source",
            yaml: "sources:\n  - {name: a, kind: http, url: \"https://x.example/a.json\", path: a.json}\n",
            error: "goalwatch.yml:2:60: key 'path' is only for file sources; this source is kind http (its own keys: url, headers, timeout)"),
        BadConfig(
            name: "bad after_read",
            yaml: source + "    after_read: archive\n",
            error: "goalwatch.yml:5:17: expected keep, delete or move:<folder>, found \"archive\""),
        BadConfig(
            name: "after_read move without a folder",
            yaml: source + "    after_read: \"move:\"\n",
            error: "goalwatch.yml:5:17: expected keep, delete or move:<folder>, found \"move:\""),
        BadConfig(
            name: "bad byte size",
            yaml: source + "    limits: {max_file_size: 256 megabytes}\n",
            error: "goalwatch.yml:5:29: expected a byte size such as 256MiB, 1MB or 1048576, found \"256 megabytes\""),
        BadConfig(
            name: "bad row count",
            yaml: source + "    limits: {max_rows: -5}\n",
            error: "goalwatch.yml:5:24: expected a positive integer, found \"-5\""),
        BadConfig(
            name: "not an http url",
            yaml: "sources:\n  - {name: a, kind: http, format: json, url: \"ftp://x.example/a.json\"}\n",
            error: "goalwatch.yml:2:46: expected an http(s) URL such as https://care.example/api/kpis.json, found \"ftp://x.example/a.json\""),
        BadConfig(
            name: "http source whose format the url does not tell",
            yaml: "sources:\n  - {name: a, kind: http, url: \"https://x.example/kpis\"}\n",
            error: "goalwatch.yml:2:5: missing key 'format': expected json, ndjson or csv (the url does not end in .json, .ndjson or .csv)"),
        BadConfig(
            name: "header value on two lines",
            yaml: "sources:\n  - {name: a, kind: http, url: \"https://x.example/a.json\", headers: {X-A: \"a\\nb\"}}\n",
            error: "goalwatch.yml:2:75: expected a header value on one line, found \"a\\nb\""),
        BadConfig(
            name: "duplicate key",
            yaml: "storage:\n  path: a.sqlite\n  retention: 30d\n  path: b.sqlite\n",
            error: "goalwatch.yml:4:3: duplicate key 'path': it is already set at 2:3; a key may appear once in a mapping"),
        BadConfig(
            name: "YAML syntax error",
            yaml: "storage:\n  path: a.sqlite\n retention: 30d\n",
            error: "goalwatch.yml:3:2: invalid YAML: "),
        BadConfig(
            name: "missing environment variable",
            yaml: "storage:\n  path: ${env:GOALWATCH_DB}\n",
            error: "goalwatch.yml:2:9: environment variable GOALWATCH_DB is not set (used by ${env:GOALWATCH_DB})"),
        BadConfig(
            name: "unreadable file",
            yaml: "sources:\n  - {name: a, kind: http, url: \"${file:/run/credentials/missing}\", format: json}\n",
            error: "goalwatch.yml:2:32: cannot read /run/credentials/missing (used by ${file:/run/credentials/missing}): no such file"),
        BadConfig(
            name: "unknown expansion",
            yaml: "storage:\n  path: ${STATE}/db\n",
            error: "goalwatch.yml:2:9: expected ${file:PATH}, ${credential:NAME} or ${env:NAME}, found ${STATE} (write $$ for a literal $)"),
        BadConfig(
            name: "unterminated expansion",
            yaml: "storage:\n  path: ${env:STATE/db\n",
            error: "goalwatch.yml:2:9: expected '}' to close '${' in \"${env:STATE/db\" (write $$ for a literal $)"),
    ]

    @Test("each bad input gives exactly its error", arguments: corpus)
    func reportsError(_ bad: BadConfig) {
        let errors = ConfigFixture.errors(bad.yaml, environment: bad.environment)
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
            storage:
              retention: forever
            evaluation:
              timezone: Mars/Olympus
              intervall: 1m
            sources:
              - name: a
                kind: file
                path: inbox/*.csv
                url: https://x.example
              - name: b
                kind: http
                url: not a url
                format: xml

            """
        let errors = ConfigFixture.errors(text)
        #expect(errors == [
            "goalwatch.yml:2:14: expected a duration longer than zero such as 30s, 5m or 1h30m, found \"forever\"",
            "goalwatch.yml:4:13: expected an IANA time zone name such as Europe/Istanbul or UTC, found \"Mars/Olympus\"",
            "goalwatch.yml:5:3: unknown key 'intervall' (did you mean 'interval'?); allowed keys here: interval, lookback, timezone",
            "goalwatch.yml:9:11: format csv needs a 'csv:' block mapping the columns (at least timestamp and metrics), found none",
            "goalwatch.yml:10:5: key 'url' is only for http sources; this source is kind file (its own keys: path, after_read)",
            "goalwatch.yml:13:10: expected an http(s) URL such as https://care.example/api/kpis.json, found \"not a url\"",
            "goalwatch.yml:14:13: expected one of json, ndjson, csv, found \"xml\"",
        ])
    }
}
