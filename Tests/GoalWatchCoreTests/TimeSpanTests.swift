import Testing
@testable import GoalWatchCore

@Suite("Prometheus durations")
struct TimeSpanTests {
    @Test("valid durations parse to milliseconds", arguments: [
        ("90s", 90_000), ("1h30m", 5_400_000), ("7d", 604_800_000), ("1w", 604_800_000),
        ("1y", 31_536_000_000), ("500ms", 500), ("1m1ms", 60_001), ("0", 0), ("0s", 0),
    ] as [(String, Int64)])
    func parses(text: String, milliseconds: Int64) {
        #expect(TimeSpan(text)?.milliseconds == milliseconds)
    }

    @Test("invalid durations are refused", arguments: ["", "5", "m", "1.5h", "1m1h", "1h1h", "-1h", "1 h", "1H", "99999999999999999999s"])
    func refuses(text: String) {
        #expect(TimeSpan(text) == nil)
    }

    @Test("canonical form round-trips", arguments: ["1h30m", "2w", "1y2w3d4h5m6s7ms", "0s"])
    func roundTrips(text: String) {
        #expect(TimeSpan(text)?.description == text)
    }
}
