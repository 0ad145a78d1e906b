import Foundation
import GoalWatchCore
import JournaldTestSupport
import Testing

@testable import GoalWatchNotify

/// Entries written through `AlertJournal` and read back from the real journald with `journalctl -o json`.
/// Each test tags its alert with a `test_run` label of its own and finds its entries by that label's field.
@Suite("alert journal read back from journald", .needsJournald)
struct JournalReadBackTests {
    private func tagged(_ labels: [String: String]) -> (labels: [String: String], run: String) {
        let run = UUID().uuidString
        return (labels.merging(["test_run": run]) { $1 }, run)
    }

    @Test("a firing transition arrives with every field of DESIGN §9")
    func firing() async throws {
        try await RealJournald.shared.ensureRunning()
        let (labels, run) = tagged([
            "alertname": "FollowersBehindPace", "account": "cafe-aurora", "network": "instagram",
            "severity": "critical", "goal": "instagram-followers-q1", "first-response": "45m",
        ])
        try AlertJournal.record(
            JournalFixtures.transition(.firing, labels: labels, value: 0.42, annotations: ["summary": "behind pace"]))
        let entry = try #require(try await JournalQuery.entries("GOALWATCH_LABEL_TEST_RUN", run).first)
        #expect(
            entry["MESSAGE"]
                == "FollowersBehindPace firing for account=\"cafe-aurora\", first-response=\"45m\", goal=\"instagram-followers-q1\", network=\"instagram\", test_run=\"\(run)\": value 0.42 — behind pace"
        )
        #expect(entry["MESSAGE_ID"] == "9eae067cf26e406f9a80a8882024b1b4")
        #expect(entry["PRIORITY"] == "2")
        #expect(entry["SYSLOG_IDENTIFIER"] == "goalwatch")
        #expect(entry["GOALWATCH_EVENT"] == "firing")
        #expect(entry["GOALWATCH_ALERTNAME"] == "FollowersBehindPace")
        #expect(entry["GOALWATCH_GOAL"] == "instagram-followers-q1")
        #expect(entry["GOALWATCH_SEVERITY"] == "critical")
        let fingerprint = try #require(entry["GOALWATCH_FINGERPRINT"])
        #expect(fingerprint.count == 16 && fingerprint.allSatisfy { $0.isHexDigit && !$0.isUppercase })
        #expect(UInt64(fingerprint, radix: 16) == Labels(labels).fingerprint)
        #expect(entry["GOALWATCH_VALUE"] == "0.42")
        #expect(entry["GOALWATCH_LABEL_ACCOUNT"] == "cafe-aurora")
        #expect(entry["GOALWATCH_LABEL_NETWORK"] == "instagram")
        #expect(entry["GOALWATCH_LABEL_FIRST_RESPONSE"] == "45m")
        #expect(entry["GOALWATCH_LABEL_ALERTNAME"] == "FollowersBehindPace")
        #expect(
            entry.userFieldNames
                == [
                    "MESSAGE", "MESSAGE_ID", "PRIORITY", "SYSLOG_IDENTIFIER", "GOALWATCH_EVENT", "GOALWATCH_ALERTNAME",
                    "GOALWATCH_GOAL", "GOALWATCH_SEVERITY", "GOALWATCH_FINGERPRINT", "GOALWATCH_VALUE",
                    "GOALWATCH_LABEL_ACCOUNT", "GOALWATCH_LABEL_ALERTNAME", "GOALWATCH_LABEL_FIRST_RESPONSE",
                    "GOALWATCH_LABEL_GOAL", "GOALWATCH_LABEL_NETWORK", "GOALWATCH_LABEL_SEVERITY",
                    "GOALWATCH_LABEL_TEST_RUN",
                ])
    }

    @Test("a label value with a newline is stored unchanged, and the message stays on one line")
    func newlineInLabel() async throws {
        try await RealJournald.shared.ensureRunning()
        let (labels, run) = tagged(["alertname": "CampaignNote", "campaign": "Black Friday\nreprise"])
        try AlertJournal.record(JournalFixtures.transition(.resolved, labels: labels, value: 3))
        let entry = try #require(try await JournalQuery.entries("GOALWATCH_LABEL_TEST_RUN", run).first)
        #expect(entry["GOALWATCH_LABEL_CAMPAIGN"] == "Black Friday\nreprise")
        #expect(entry["MESSAGE"]?.contains("campaign=\"Black Friday\\nreprise\"") == true)
        #expect(entry["PRIORITY"] == "5")
        #expect(entry["GOALWATCH_EVENT"] == "resolved")
        #expect(entry["MESSAGE_ID"] == "de82ff4954c84875b3b48bccbd6fc6e7")
    }

    @Test("a failed delivery arrives with receiver, group key, notification id, attempt and error")
    func failedDelivery() async throws {
        try await RealJournald.shared.ensureRunning()
        let (labels, run) = tagged(["alertname": "FirstResponseSlow", "team": "care", "severity": "warning"])
        let notification = JournalFixtures.notification([JournalFixtures.alert(labels, value: 75)])
        try AlertJournal.record(
            .failed(attempt: 2, error: "HTTP 503 from https://hooks.slack.com/services/T0/B0/SECRET"),
            of: notification)
        let entry = try #require(try await JournalQuery.entries("GOALWATCH_LABEL_TEST_RUN", run).first)
        #expect(entry["MESSAGE_ID"] == "eb59595a1713441f87c91515b716c6a5")
        #expect(entry["PRIORITY"] == "4")
        #expect(entry["SYSLOG_IDENTIFIER"] == "goalwatch")
        #expect(entry["GOALWATCH_EVENT"] == "notify_failed")
        #expect(entry["GOALWATCH_ALERTNAME"] == "FirstResponseSlow")
        #expect(entry["GOALWATCH_SEVERITY"] == "warning")
        #expect(entry["GOALWATCH_FINGERPRINT"] == notification.alerts[0].fingerprint)
        #expect(entry["GOALWATCH_VALUE"] == "75")
        #expect(entry["GOALWATCH_RECEIVER"] == "care-slack")
        #expect(entry["GOALWATCH_GROUP_KEY"] == notification.groupKey)
        #expect(entry["GOALWATCH_NOTIFICATION_ID"] == notification.id)
        #expect(entry["GOALWATCH_ATTEMPT"] == "2")
        #expect(entry["GOALWATCH_ERROR"] == "HTTP 503 from https://hooks.slack.com/…")
        #expect(entry["GOALWATCH_LABEL_TEAM"] == "care")
        #expect(entry["MESSAGE"]?.hasPrefix("Notifying receiver \"care-slack\" of FirstResponseSlow firing for") == true)
        #expect(!entry.fields.values.joined().contains { String(decoding: $0, as: UTF8.self).contains("SECRET") })
    }
}
