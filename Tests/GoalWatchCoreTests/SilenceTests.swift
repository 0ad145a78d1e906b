import Foundation
import Testing
@testable import GoalWatchCore

@Suite("silences")
struct SilenceTests {
    static let start = Timestamp(rfc3339: "2026-03-02T09:00:00Z")!
    static let end = Timestamp(rfc3339: "2026-03-02T11:00:00Z")!

    static func silence(_ matchers: String, startsAt: Timestamp = start, endsAt: Timestamp = end,
                        createdBy: String = "ayse", comment: String = "campaign launch") throws(InputError) -> Silence {
        try Silence(
            id: "6f1c2a9e-0000-4000-8000-000000000001", matchers: AlertMatcher.parseList(matchers),
            startsAt: startsAt, endsAt: endsAt, createdBy: createdBy, comment: comment, createdAt: start - .minutes(5))
    }

    @Test("pending before its start, active from start to end (both included), expired after")
    func states() throws {
        let silence = try Self.silence("team=\"care\"")
        #expect(silence.state(at: Self.start - TimeSpan(milliseconds: 1)) == .pending)
        #expect(silence.state(at: Self.start) == .active)
        #expect(silence.state(at: Self.end) == .active)
        #expect(silence.state(at: Self.end + TimeSpan(milliseconds: 1)) == .expired)
    }

    @Test("it mutes an alert while active and only when every matcher matches")
    func mutes() throws {
        let silence = try Self.silence("team=\"care\", severity=~\"warning|info\"")
        let during = Self.start + .minutes(30)
        #expect(silence.mutes(["team": "care", "severity": "warning", "alertname": "SlowFirstResponse"], at: during))
        #expect(!silence.mutes(["team": "care", "severity": "critical"], at: during))
        #expect(!silence.mutes(["team": "care"], at: during))
        #expect(!silence.mutes(["team": "care", "severity": "warning"], at: Self.end + .seconds(1)))
        #expect(!silence.mutes(["team": "care", "severity": "warning"], at: Self.start - .seconds(1)))
    }

    @Test("a missing label matches as the empty string")
    func missingLabelMatchesEmpty() throws {
        let silence = try Self.silence("team=\"care\", network!=\"x\"")
        #expect(silence.mutes(["team": "care"], at: Self.start))
    }

    @Test("invalid silences are refused with the reason", arguments: [
        ("", "a silence needs at least one matcher, such as alertname=\"SlowFirstResponse\""),
        ("team=\"\"", "a silence needs at least one matcher that does not match the empty string; {team=\"\"} would also mute every alert without these labels"),
        ("team=~\".*\", severity!=\"info\"", "a silence needs at least one matcher that does not match the empty string; {team=~\".*\", severity!=\"info\"} would also mute every alert without these labels"),
    ])
    func refusesMatchers(matchers: String, message: String) {
        #expect(Self.message { () throws(InputError) in _ = try Self.silence(matchers) } == message)
    }

    @Test("the end must come after the start; author and comment must not be blank")
    func refusesTimesAndBlanks() {
        #expect(Self.message { () throws(InputError) in _ = try Self.silence("team=care", endsAt: Self.start) }
            == "a silence must end after it starts, found start 2026-03-02T09:00:00Z and end 2026-03-02T09:00:00Z")
        #expect(Self.message { () throws(InputError) in _ = try Self.silence("team=care", createdBy: " ") } == "a silence needs an author (created by)")
        #expect(Self.message { () throws(InputError) in _ = try Self.silence("team=care", comment: "") } == "a silence needs a comment saying why")
        // One matcher that matches the empty string is fine beside one that does not.
        #expect(Self.message { () throws(InputError) in _ = try Self.silence("team=care, severity=~\"|info\"") } == nil)
    }

    @Test("a silence round-trips through JSON, matchers as their canonical text")
    func codable() throws {
        let silence = try Self.silence(#"team="care", id=~"\d+""#)
        let data = try JSONEncoder().encode(silence)
        let json = String(decoding: data, as: UTF8.self)
        #expect(json.contains(#""team=\"care\"""#))
        let decoded = try JSONDecoder().decode(Silence.self, from: data)
        #expect(decoded == silence)
        #expect(decoded.mutes(["team": "care", "id": "42"], at: Self.start))
    }

    static func message(_ body: () throws(InputError) -> Void) -> String? {
        do {
            try body()
            return nil
        } catch {
            return error.message
        }
    }
}
