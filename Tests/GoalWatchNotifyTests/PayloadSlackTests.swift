import Foundation
import GoalWatchCore
import Testing

@testable import GoalWatchNotify

@Suite("Slack payload (Block Kit)")
struct PayloadSlackTests {
    func render(_ notification: Notification, maxAlerts: Int = 10) throws -> [String: Any] {
        let body = SlackPayload(maxAlerts: maxAlerts).render(notification, at: PayloadFixtures.created)
        #expect(body.contentType == "application/json")
        return try Decoded.object(body)
    }

    func texts(_ block: [String: Any]) -> [String] {
        if let text = block["text"] as? [String: Any], let value = text["text"] as? String { return [value] }
        return (block["elements"] as? [[String: Any]] ?? []).compactMap { $0["text"] as? String }
    }

    @Test("header with emoji, name and count; a context line; the fallback text names the first alert")
    func header() throws {
        let json = try render(PayloadFixtures.mixed)
        let blocks = try json.objects("blocks")
        #expect(try blocks[0].string("type") == "header")
        #expect(texts(blocks[0]) == ["🔥 Firing: SlowFirstResponse (1 firing, 1 resolved)"])
        #expect(try blocks[0].object("text").string("type") == "plain_text")
        #expect(try blocks[1].string("type") == "context")
        #expect(texts(blocks[1]) == ["receiver marketing-oncall · some alerts resolved · alertname=SlowFirstResponse"])
        #expect(try json.string("text") == "🔥 Firing: SlowFirstResponse (1 firing, 1 resolved) — First response on instagram is 75.5 min (+1 more)")
    }

    @Test("a goal alert shows what, how bad, goal progress, since when and its links")
    func goalAlert() throws {
        let blocks = try render(PayloadFixtures.firingGoal).objects("blocks")
        let section = try #require(blocks.first { ($0["type"] as? String) == "section" })
        let lines = texts(section).first?.split(separator: "\n").map(String.init) ?? []
        #expect(lines == [
            "*instagram_followers_q1 is behind pace: 40 % of the way, 60 % expected*",
            "severity `warning` · value *0.396*",
            "🎯 instagram_followers_q1 · behind pace",
            "progress 40 % · expected 60 % · forecast 14,120 by 31 Mar",
            "🕒 firing for 2h 5m · since <!date^1773471300^{date_short_pretty} {time}|14 Mar 2026 06:55 UTC>",
        ])
        let links = try #require(blocks.last)
        #expect(texts(links) == ["<https://goalwatch.example/#goal=instagram_followers_q1|Dashboard> · <https://wiki.example/goals|Runbook>"])
    }

    @Test("a resolved notification uses the resolved emoji and says how long the alerts fired")
    func resolved() throws {
        let json = try render(PayloadFixtures.resolved)
        let blocks = try json.objects("blocks")
        #expect(texts(blocks[0]) == ["✅ Resolved: SlowFirstResponse (2)"])
        #expect(texts(blocks[2]).first?.contains("🕒 resolved after 2h 5m") == true)
    }

    @Test("mrkdwn control characters in user text are escaped; NaN shows as NaN")
    func escaping() throws {
        let json = try render(PayloadFixtures.odd)
        let blocks = try json.objects("blocks")
        #expect(texts(blocks[0]) == ["🔥 Firing: Ödd \"quoted\" <alert> & co (2)"])
        let section = texts(blocks[2]).first ?? ""
        #expect(section.hasPrefix("*Ödd \"quoted\" &lt;alert&gt; &amp; co*\nvalue *NaN*"))
        #expect(try json.string("text").contains("&lt;alert&gt; &amp; co"))
    }

    @Test("many alerts: at most maxAlerts shown, then 'and N more', within 50 blocks", arguments: [1, 10, 20, 100])
    func manyAlerts(_ maxAlerts: Int) throws {
        let blocks = try render(PayloadFixtures.many(120), maxAlerts: maxAlerts).objects("blocks")
        #expect(blocks.count <= SlackPayload.maxBlocks)
        let shown = min(maxAlerts, SlackPayload.alertCap)
        #expect(blocks.filter { ($0["type"] as? String) == "section" }.count == shown)
        let hidden = 120 - shown
        let hiddenResolved = (shown..<120).filter { $0 % 5 == 4 }.count
        #expect(texts(try #require(blocks.last)) == ["and \(hidden) more (\(hidden - hiddenResolved) firing, \(hiddenResolved) resolved)"])
    }

    @Test("very long texts are cut at a character boundary within Slack's limits")
    func limits() throws {
        let huge = String(repeating: "é🎯&", count: 5000)
        var notification = PayloadFixtures.notification([PayloadFixtures.plainAlert("x", annotations: ["summary": huge])], groupLabels: ["alertname": huge])
        notification.alerts[0].labels["alertname"] = huge
        let json = try render(notification)
        for block in try json.objects("blocks") {
            for text in texts(block) {
                let limit = (block["type"] as? String) == "header" ? SlackPayload.maxHeader : SlackPayload.maxText
                #expect(text.utf16.count <= limit)
            }
        }
        #expect(try json.string("text").utf16.count <= SlackPayload.maxText)
        #expect(try json.string("text").hasSuffix("…"))
    }

    @Test("truncation keeps whole characters and whole escapes")
    func truncation() {
        #expect(TextLimit.truncate("abcdef", to: 4) == "abc…")
        #expect(TextLimit.truncate("abc", to: 3) == "abc")
        #expect(TextLimit.truncate("a🎯b", to: 3) == "a…")
        #expect(TextLimit.truncate("a&b", to: 5, escaping: SlackPayload.escape) == "a…")
        #expect(TextLimit.truncate("e\u{301}e\u{301}", to: 3) == "e\u{301}…")
    }

    @Test("a notification without alerts has a header and nothing else to list")
    func empty() throws {
        let json = try render(PayloadFixtures.empty)
        let blocks = try json.objects("blocks")
        #expect(blocks.count == 2)
        #expect(texts(blocks[0]) == ["✅ Resolved: alerts (0)"])
    }
}
