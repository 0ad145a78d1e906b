import Testing
@testable import GoalWatchCore

@Suite("Alert templates")
struct AlertTemplateTests {
    let origin = SourceLocation(file: "rules/care.yml", line: 12, column: 20)
    let labels = ["network": "x", "account": "acme", "severity": "critical"]

    func render(_ text: String, value: Double = 75.5) throws -> String {
        try AlertTemplate(text, origin: origin).render(labels: labels, value: value, externalLabels: ["site": "berlin"])
    }

    @Test("Prometheus rule templates render as Prometheus renders them", arguments: [
        ("First response on {{ $labels.network }} is {{ $value | humanize }} min", "First response on x is 75.5 min"),
        ("{{ $value }}", "75.5"),
        ("{{ .Labels.account }} / {{ .Value }}", "acme / 75.5"),
        ("{{ $labels.missing }}|", "|"),
        ("{{ $externalLabels.site }}", "berlin"),
        ("{{ humanizePercentage 0.005 }}", "0.5%"),
        ("{{ printf \"%.1f\" $value }}", "75.5"),
        ("{{ printf \"%d alerts on %s\" 3 $labels.network }}", "3 alerts on x"),
        ("{{ printf \"%q\" $labels.account }}", "\"acme\""),
        ("{{ printf \"%-6s|%5.1f\" $labels.network $value }}", "x     | 75.5"),
        ("{{ $labels.network | toUpper }}", "X"),
        ("{{ \"hello world\" | title }}", "Hello World"),
        ("{{ reReplaceAll \"(a)(c)\" \"$2-$1\" \"acme\" }}", "c-ame"),
        ("{{ if gt $value 60.0 }}slow{{ else }}fine{{ end }}", "slow"),
        ("{{ if eq $labels.severity \"warning\" }}w{{ else if eq $labels.severity \"critical\" }}c{{ end }}", "c"),
        ("{{ range $k, $v := $labels }}{{ $k }}={{ $v }};{{ end }}", "account=acme;network=x;severity=critical;"),
        ("{{ with $labels.network }}on {{ . }}{{ end }}", "on x"),
        ("{{ $x := 3 }}{{ $x }}", "3"),
        ("a  {{- \" b \" -}}  c", "a b c"),
        ("{{/* a comment */}}ok", "ok"),
        ("{{ len $labels }}", "3"),
        ("{{ (index $labels \"account\") | toUpper }}", "ACME"),
        ("{{ 2048 | humanize1024 }}", "2ki"),
        ("{{ 5400 | humanizeDuration }}", "1h 30m 0s"),
        ("{{ 1767225600 | humanizeTimestamp }}", "2026-01-01 00:00:00 +0000 UTC"),
        ("{{ \"ACME Café\" | toLower }}", "acme café"),
        ("{{ \"<b>bold</b>\" | safeHtml }}", "<b>bold</b>"),
        ("{{ if match \"^ac\" $labels.account }}yes{{ end }}", "yes"),
        ("{{ print \"a\" 1 2 \"b\" }}", "a1 2b"),
        ("{{ println \"a\" \"b\" }}", "a b\n"),
        ("{{ if and (ne $labels.network \"y\") (not (lt $value 10.0)) }}both{{ end }}", "both"),
        ("{{ if or (le $value 1.0) (ge $value 75.5) }}either{{ end }}", "either"),
    ])
    func renders(text: String, expected: String) throws {
        #expect(try render(text) == expected)
    }

    @Test("$value prints as Go prints a float64", arguments: [
        (1_000_000.0, "1e+06"), (1_234_567.0, "1.234567e+06"), (100_000.0, "100000"), (0.0001, "0.0001"),
        (0.00001, "1e-05"), (12.0, "12"), (-3.25, "-3.25"), (Double.nan, "NaN"), (Double.infinity, "+Inf"),
    ])
    func goFloatPrinting(value: Double, expected: String) throws {
        #expect(try render("{{ $value }}", value: value) == expected)
    }

    @Test("parse errors name the file position of the problem", arguments: [
        ("ok {{ $labels.x", 12, 23, "expected '}}' to close the action"),
        ("{{ humanise $value }}", 12, 23, "unknown function \"humanise\" (did you mean \"humanize\"?)"),
        ("{{ if $value }}never closed", 12, 20, "expected {{end}} to close the {{if}}"),
        ("line one\n{{ end }}", 13, 1, "unexpected {{end}}"),
        ("{{ \"open }}", 12, 23, "expected the string to be closed"),
        ("{{ template \"x\" }}", 12, 20, "not supported"),
    ])
    func parseErrors(text: String, line: Int, column: Int, message: String) {
        #expect {
            try AlertTemplate(text, origin: origin)
        } throws: { error in
            guard let error = error as? InputError else { return false }
            return error.location?.line == line && error.location?.column == column && error.message.contains(message)
        }
    }

    @Test("a function given the wrong kind of value fails with its position, not a crash")
    func executionError() throws {
        let template = try AlertTemplate("{{ humanize $labels }}", origin: origin)
        #expect {
            try template.render(labels: labels, value: 1)
        } throws: { error in
            (error as? InputError)?.message.contains("humanize expects a number") ?? false
        }
    }
}
