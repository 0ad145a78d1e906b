import GoalWatchCore
import Systemd
import Testing

@testable import GoalWatchNotify

@Suite("journal entries of alerts and deliveries")
struct JournalEntryTests {
    private let labels = [
        "alertname": "FollowersBehindPace", "account": "cafe-aurora", "network": "instagram", "severity": "warning",
    ]

    private func texts(_ fields: [JournalField]) -> [String] { fields.map { "\($0.name)=\($0.text)" } }

    @Test("a firing transition carries every field of DESIGN §9, in order")
    func firingEntry() {
        let entry = AlertJournalEntry.transition(
            JournalFixtures.transition(.firing, labels: labels, annotations: ["summary": "12 % behind pace"]))
        #expect(
            texts(entry) == [
                "MESSAGE=FollowersBehindPace firing for account=\"cafe-aurora\", network=\"instagram\": value 0.42 — 12 % behind pace",
                "MESSAGE_ID=9eae067cf26e406f9a80a8882024b1b4",
                "PRIORITY=4",
                "SYSLOG_IDENTIFIER=goalwatch",
                "GOALWATCH_EVENT=firing",
                "GOALWATCH_ALERTNAME=FollowersBehindPace",
                "GOALWATCH_SEVERITY=warning",
                "GOALWATCH_FINGERPRINT=\(hex16(Labels(labels).fingerprint))",
                "GOALWATCH_VALUE=0.42",
                "GOALWATCH_LABEL_ACCOUNT=cafe-aurora",
                "GOALWATCH_LABEL_ALERTNAME=FollowersBehindPace",
                "GOALWATCH_LABEL_NETWORK=instagram",
                "GOALWATCH_LABEL_SEVERITY=warning",
            ])
    }

    @Test(
        "firing and pending take their priority from the severity label; resolved is a notice",
        arguments: [
            (AlertEvent.Kind.firing, "critical", 2), (.firing, "warning", 4), (.firing, "info", 6),
            (.firing, nil, 4), (.firing, "page", 4),
            (.pending, "critical", 2), (.pending, "info", 6), (.pending, nil, 4),
            (.resolved, "critical", 5), (.resolved, "info", 5), (.resolved, nil, 5),
        ] as [(AlertEvent.Kind, String?, Int)])
    func transitionPriority(kind: AlertEvent.Kind, severity: String?, priority: Int) {
        var alertLabels = ["alertname": "A"]
        alertLabels["severity"] = severity
        let entry = AlertJournalEntry.transition(JournalFixtures.transition(kind, labels: alertLabels))
        #expect(entry.first { $0.name == "PRIORITY" }?.text == String(priority))
        #expect(entry.first { $0.name == "GOALWATCH_EVENT" }?.text == kind.rawValue)
        #expect(entry.first { $0.name == "GOALWATCH_SEVERITY" }?.text == severity)
    }

    @Test(
        "delivery outcomes: notified is info, a failure a warning, a dead letter critical",
        arguments: [
            (DeliveryOutcome.notified(attempt: 1), 6, "notified", "b4b41c1289e8473794bfb2c71d11664f"),
            (.failed(attempt: 2, error: "HTTP 503"), 4, "notify_failed", "eb59595a1713441f87c91515b716c6a5"),
            (.deadLettered(attempts: 9, error: "HTTP 503"), 2, "dead_letter", "18f30c682a0b4b229afe8238201f6ea3"),
        ] as [(DeliveryOutcome, Int, String, String)])
    func deliveryPriority(outcome: DeliveryOutcome, priority: Int, event: String, messageID: String) {
        let notification = JournalFixtures.notification([JournalFixtures.alert(labels)])
        let entry = AlertJournalEntry.delivery(outcome, of: notification)
        #expect(entry.first { $0.name == "PRIORITY" }?.text == String(priority))
        #expect(entry.first { $0.name == "GOALWATCH_EVENT" }?.text == event)
        #expect(entry.first { $0.name == "MESSAGE_ID" }?.text == messageID)
        #expect(entry.first { $0.name == "GOALWATCH_ATTEMPT" }?.text == String(outcome.attempt))
        #expect(entry.first { $0.name == "GOALWATCH_ERROR" }?.text == outcome.error)
    }

    @Test(
        "label names become valid field names",
        arguments: [
            ("account", "GOALWATCH_LABEL_ACCOUNT"), ("first-response", "GOALWATCH_LABEL_FIRST_RESPONSE"),
            ("network.name", "GOALWATCH_LABEL_NETWORK_NAME"), ("2nd", "GOALWATCH_LABEL_2ND"),
            ("__name__", "GOALWATCH_LABEL___NAME__"),
        ])
    func labelNames(label: String, field: String) {
        #expect(AlertJournalEntry.labelFieldName(label) == field)
        #expect(JournalField.isValidName(field))
    }

    @Test("a goal alert names its goal from its origin when it has no goal label")
    func goalFromOrigin() {
        let entry = AlertJournalEntry.transition(
            JournalFixtures.transition(
                .firing, labels: ["alertname": "GoalBehindPace"],
                origin: .goal(goal: "instagram-followers-q1", kind: .behindPace)))
        #expect(entry.first { $0.name == "GOALWATCH_GOAL" }?.text == "instagram-followers-q1")
        #expect(entry.first { $0.name == "MESSAGE" }?.text == "GoalBehindPace firing: value 0.42")
    }

    @Test("the goal label wins over the origin; an alert of a rule without goal label has no goal field")
    func goalLabel() {
        let labelled = AlertJournalEntry.transition(
            JournalFixtures.transition(
                .firing, labels: ["alertname": "A", "goal": "from-label"],
                origin: .goal(goal: "from-origin", kind: .stale)))
        #expect(labelled.first { $0.name == "GOALWATCH_GOAL" }?.text == "from-label")
        let plain = AlertJournalEntry.transition(JournalFixtures.transition(.firing, labels: ["alertname": "A"]))
        #expect(!plain.contains { $0.name == "GOALWATCH_GOAL" })
    }

    @Test("values are printed with the shortest digits that read back", arguments: [
        (0.1 + 0.2, "0.30000000000000004"), (1500, "1500"), (-2.5, "-2.5"), (Double.nan, "NaN"),
    ] as [(Double, String)])
    func values(value: Double, text: String) {
        let entry = AlertJournalEntry.transition(JournalFixtures.transition(.firing, labels: ["alertname": "A"], value: value))
        #expect(entry.first { $0.name == "GOALWATCH_VALUE" }?.text == text)
    }

    @Test("a notification of several alerts is one entry with common labels and every fingerprint")
    func groupedNotification() {
        let alerts = [
            JournalFixtures.alert(["alertname": "FollowersBehindPace", "team": "care", "network": "instagram"]),
            JournalFixtures.alert(["alertname": "FollowersBehindPace", "team": "care", "network": "tiktok"]),
            JournalFixtures.alert(
                ["alertname": "FollowersBehindPace", "team": "care", "network": "x"], status: .resolved),
        ]
        let entry = AlertJournalEntry.delivery(
            .failed(attempt: 3, error: "HTTP 502 Bad Gateway"), of: JournalFixtures.notification(alerts))
        #expect(
            texts(entry) == [
                "MESSAGE=Notifying receiver \"care-slack\" of 3 FollowersBehindPace alerts (2 firing, 1 resolved) failed (attempt 3): HTTP 502 Bad Gateway",
                "MESSAGE_ID=eb59595a1713441f87c91515b716c6a5",
                "PRIORITY=4",
                "SYSLOG_IDENTIFIER=goalwatch",
                "GOALWATCH_EVENT=notify_failed",
                "GOALWATCH_ALERTNAME=FollowersBehindPace",
            ] + alerts.map { "GOALWATCH_FINGERPRINT=\($0.fingerprint)" } + [
                "GOALWATCH_RECEIVER=care-slack",
                "GOALWATCH_GROUP_KEY={}/{team=\"care\"}:{alertname=\"FollowersBehindPace\"}",
                "GOALWATCH_NOTIFICATION_ID=5f0c7c2e-8d1a-4f55-9a7e-0c1d2e3f4a5b",
                "GOALWATCH_ATTEMPT=3",
                "GOALWATCH_ERROR=HTTP 502 Bad Gateway",
                "GOALWATCH_LABEL_ALERTNAME=FollowersBehindPace",
                "GOALWATCH_LABEL_TEAM=care",
            ])
    }

    @Test("a notification of one goal's alerts names the goal from the goal block")
    func deliveryGoal() {
        let goal = NotifiedGoal(name: "care-first-response", state: "behind")
        let notification = JournalFixtures.notification([
            JournalFixtures.alert(["alertname": "GoalBreach", "network": "x"], goal: goal),
            JournalFixtures.alert(["alertname": "GoalBreach", "network": "y"], goal: goal),
        ])
        let entry = AlertJournalEntry.delivery(.notified(attempt: 1), of: notification)
        #expect(entry.first { $0.name == "GOALWATCH_GOAL" }?.text == "care-first-response")
        #expect(!entry.contains { $0.name == "GOALWATCH_VALUE" })
    }

    @Test("addresses in error text keep only their host, so webhook secrets never reach the journal")
    func noSecrets() {
        let error = "POST https://hooks.slack.com/services/T000/B000/XXXXSECRET failed; retry https://user:pw@example.com:8443/hook?token=SECRET"
        let entry = AlertJournalEntry.delivery(
            .deadLettered(attempts: 7, error: error), of: JournalFixtures.notification([JournalFixtures.alert(labels)]))
        let everything = texts(entry).joined(separator: "\n")
        #expect(!everything.contains("SECRET"))
        #expect(!everything.contains("pw@"))
        #expect(
            entry.first { $0.name == "GOALWATCH_ERROR" }?.text
                == "POST https://hooks.slack.com/… failed; retry https://example.com:8443/…")
    }

    private func hex16(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
