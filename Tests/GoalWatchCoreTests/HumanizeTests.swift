import Testing
@testable import GoalWatchCore

/// Expected outputs are Prometheus' own, from its template documentation and tests.
@Suite("Template number formatting matches Prometheus")
struct HumanizeTests {
    @Test("humanize uses SI prefixes and four significant digits", arguments: [
        (0.0, "0"), (1234567.0, "1.235M"), (0.1234567, "123.5m"), (12.0, "12"), (-1500.0, "-1.5k"),
        (1e30, "1e+06Y"), (0.000001, "1u"), (Double.nan, "NaN"), (Double.infinity, "+Inf"), (-Double.infinity, "-Inf"),
    ])
    func metric(value: Double, expected: String) {
        #expect(Humanize.metric(value) == expected)
    }

    @Test("humanize1024 uses binary prefixes", arguments: [
        (1048576.0, "1Mi"), (1.0, "1"), (1536.0, "1.5ki"), (0.5, "0.5"), (-2048.0, "-2ki"),
    ])
    func binary(value: Double, expected: String) {
        #expect(Humanize.binary(value) == expected)
    }

    @Test("humanizeDuration spells out days, hours, minutes and seconds", arguments: [
        (899.99, "14m 59s"), (0.0, "0s"), (1.0, "1s"), (59.5, "59.5s"), (3600.0, "1h 0m 0s"),
        (93784.0, "1d 2h 3m 4s"), (-61.0, "-1m 1s"), (0.25, "250ms"), (0.000002, "2us"), (Double.nan, "NaN"),
    ])
    func duration(value: Double, expected: String) {
        #expect(Humanize.duration(value) == expected)
    }

    @Test("humanizePercentage scales a ratio", arguments: [
        (0.005, "0.5%"), (0.1234567, "12.35%"), (1.0, "100%"), (0.0, "0%"), (-0.25, "-25%"),
    ])
    func percentage(value: Double, expected: String) {
        #expect(Humanize.percentage(value) == expected)
    }

    @Test("humanizeTimestamp prints UTC in Go's default layout", arguments: [
        (1_772_323_200.0, "2026-03-01 00:00:00 +0000 UTC"), (1_435_065_584.128, "2015-06-23 13:19:44.128 +0000 UTC"),
    ])
    func timestamp(value: Double, expected: String) {
        #expect(Humanize.timestamp(value) == expected)
    }
}
