import Foundation
import GoalWatchCore
import Testing

@testable import GoalWatchNotify

@Suite("Microsoft Teams payload (Workflows webhook, Adaptive Card)")
struct PayloadTeamsTests {
    func card(_ notification: Notification, maxAlerts: Int = 10) throws -> (message: [String: Any], card: [String: Any]) {
        let body = TeamsPayload(maxAlerts: maxAlerts).render(notification, at: PayloadFixtures.created)
        #expect(body.contentType == "application/json")
        #expect(body.bytes.count <= TeamsPayload.maxBytes)
        let message = try Decoded.object(body)
        let attachment = try #require(try message.objects("attachments").first)
        return (message, try attachment.object("content"))
    }

    @Test("the envelope is a message with one Adaptive Card 1.4 attachment")
    func envelope() throws {
        let (message, card) = try card(PayloadFixtures.mixed)
        #expect(try message.string("type") == "message")
        let attachments = try message.objects("attachments")
        #expect(attachments.count == 1)
        #expect(try attachments[0].string("contentType") == "application/vnd.microsoft.card.adaptive")
        #expect(attachments[0]["contentUrl"] is NSNull)
        #expect(try card.string("$schema") == "http://adaptivecards.io/schemas/adaptive-card.json")
        #expect(try card.string("type") == "AdaptiveCard")
        #expect(try card.string("version") == "1.4")
    }

    @Test("headline, receiver line, one container per alert with facts, since and links; actions open the dashboard and runbook")
    func goalCard() throws {
        let (_, card) = try card(PayloadFixtures.firingGoal)
        let body = try card.objects("body")
        #expect(try body[0].string("text") == "🔥 Firing: GoalBehindPace · instagram_followers_q1 (1)")
        #expect(try body[0].string("color") == "Attention")
        #expect(try body[1].string("text") == "receiver marketing-oncall · first notification · alertname=GoalBehindPace · goal=instagram_followers_q1")
        let container = body[2]
        #expect(try container.string("type") == "Container")
        let items = try container.objects("items")
        #expect(try items[0].string("text") == "instagram_followers_q1 is behind pace: 40 % of the way, 60 % expected")
        let facts = try items[1].objects("facts").map { (try $0.string("title"), try $0.string("value")) }
        #expect(facts.map(\.0) == ["Severity", "Value", "Goal", "Progress"])
        #expect(facts.map(\.1) == ["warning", "0.396", "instagram_followers_q1 · behind pace", "progress 40 % · expected 60 % · forecast 14,120 by 31 Mar"])
        #expect(try items[2].string("text") == "🕒 firing for 2h 5m · since {{DATE(2026-03-14T06:55:00Z, SHORT)}} {{TIME(2026-03-14T06:55:00Z)}}")
        #expect(try items[3].string("text") == "[Dashboard](https://goalwatch.example/#goal=instagram_followers_q1) · [Runbook](https://wiki.example/goals)")
        let actions = try card.objects("actions")
        #expect(try actions.map { try $0.string("type") } == ["Action.OpenUrl", "Action.OpenUrl"])
        #expect(try actions.map { try $0.string("url") } == ["https://goalwatch.example/", "https://wiki.example/goals"])
    }

    @Test("a resolved card is green; a card without links has no actions")
    func resolvedAndOdd() throws {
        let resolved = try card(PayloadFixtures.resolved).card
        #expect(try resolved.objects("body")[0].string("color") == "Good")
        let odd = try card(PayloadFixtures.odd).card
        #expect(odd["actions"] == nil)
        let facts = try odd.objects("body")[2].objects("items")[1].objects("facts")
        #expect(try facts.map { try $0.string("value") } == ["NaN"])
        #expect(try odd.objects("body")[2].objects("items")[0].string("text") == "Ödd \"quoted\" <alert> & co")
    }

    @Test("many alerts: at most maxAlerts containers, then 'and N more'")
    func manyAlerts() throws {
        let body = try card(PayloadFixtures.many(60), maxAlerts: 5).card.objects("body")
        #expect(body.filter { ($0["type"] as? String) == "Container" }.count == 5)
        #expect(try body.last?.string("text") == "and 55 more (44 firing, 11 resolved)")
    }

    @Test("a card that would pass Teams' 28 KB limit drops alerts until it fits, and counts them")
    func sizeLimit() throws {
        let long = String(repeating: "slow first response on a busy account ", count: 25)
        let notification = PayloadFixtures.notification((0..<40).map { PayloadFixtures.plainAlert("account-\($0)", annotations: ["summary": long]) })
        let body = try card(notification, maxAlerts: 40).card.objects("body")
        let shown = body.filter { ($0["type"] as? String) == "Container" }.count
        #expect(shown > 0 && shown < 40)
        #expect(try body.last?.string("text") == "and \(40 - shown) more (\(40 - shown) firing)")
    }
}
