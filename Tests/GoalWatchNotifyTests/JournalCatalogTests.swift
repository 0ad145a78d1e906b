import Foundation
import GoalWatchCore
import JournaldTestSupport
import Systemd
import Testing

@testable import GoalWatchNotify

@Suite("journald message catalog")
struct JournalCatalogTests {
    @Test("every event kind has exactly one catalog entry with its MESSAGE_ID, and every entry an event kind")
    func catalogMatchesEvents() throws {
        let entries = try CatalogFile().entries
        let ids = entries.map(\.id)
        #expect(ids.count == Set(ids).count, "a MESSAGE_ID appears twice in the catalog")
        #expect(Set(ids) == Set(JournalEvent.allCases.map(\.messageID)))
        #expect(Set(JournalEvent.allCases.map(\.messageID)).count == JournalEvent.allCases.count)
        for event in JournalEvent.allCases {
            #expect(event.messageID.count == 32 && event.messageID.allSatisfy { $0.isHexDigit && !$0.isUppercase })
        }
    }

    @Test("every entry has a subject, is defined by goalwatch, says where to get support and explains itself")
    func entryHeaders() throws {
        for entry in try CatalogFile().entries {
            #expect(entry.headers["Subject"]?.isEmpty == false, "\(entry.id)")
            #expect(entry.headers["Defined-By"] == "goalwatch", "\(entry.id)")
            #expect(entry.headers["Support"]?.isEmpty == false, "\(entry.id)")
            #expect(!entry.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "\(entry.id)")
        }
    }

    @Test("substitutions name only fields that the entries of that kind always carry")
    func substitutionsExist() throws {
        let transition = { (kind: AlertEvent.Kind) in
            AlertJournalEntry.transition(JournalFixtures.transition(kind, labels: ["alertname": "A"]))
        }
        let notification = JournalFixtures.notification([
            JournalFixtures.alert(["alertname": "A", "x": "1"]), JournalFixtures.alert(["alertname": "B"]),
        ])
        let delivery = { (outcome: DeliveryOutcome) in AlertJournalEntry.delivery(outcome, of: notification) }
        let built: [JournalEvent: [JournalField]] = [
            .firing: transition(.firing), .pending: transition(.pending), .resolved: transition(.resolved),
            .notified: delivery(.notified(attempt: 1)), .notifyFailed: delivery(.failed(attempt: 1, error: "e")),
            .deadLetter: delivery(.deadLettered(attempts: 1, error: "e")),
        ]
        for entry in try CatalogFile().entries {
            let event = try #require(JournalEvent.allCases.first { $0.messageID == entry.id })
            let carried = Set((built[event] ?? []).map(\.name))
            #expect(entry.substitutedFields.isSubset(of: carried), "\(event.rawValue): \(entry.substitutedFields.subtracting(carried))")
        }
    }

    @Test(
        "journalctl --update-catalog accepts the file and lists every entry",
        .enabled(if: Program.find("journalctl") != nil, "needs journalctl"))
    func journalctlAcceptsCatalog() async throws {
        let sandbox = try CatalogSandbox()
        defer { sandbox.remove() }
        let update = try await sandbox.journalctl(["--update-catalog"])
        #expect(update.status == 0)
        #expect(update.standardError.isEmpty, "journalctl complained: \(update.standardError)")
        let listing = try await sandbox.journalctl(["--list-catalog"])
        #expect(listing.status == 0)
        for entry in try CatalogFile().entries {
            let subject = entry.headers["Subject"] ?? ""
            #expect(listing.output.contains("\(entry.id) goalwatch: \(subject)\n"), "\(entry.id) not listed")
        }
    }

    @Test(
        "journalctl -x explains a real firing entry with its fields filled in",
        .needsJournald,
        .enabled("needs root and unshare to mount the test catalog in a private mount namespace") {
            await CatalogSandbox.canIsolateMounts()
        })
    func explanationOfRealEntry() async throws {
        try await RealJournald.shared.ensureRunning()
        let sandbox = try CatalogSandbox()
        defer { sandbox.remove() }
        #expect(try await sandbox.journalctl(["--update-catalog"]).status == 0)
        let run = UUID().uuidString
        try AlertJournal.record(
            JournalFixtures.transition(
                .firing, labels: ["alertname": "FollowersBehindPace", "test_run": run], value: 0.42))
        _ = try await JournalQuery.entries("GOALWATCH_LABEL_TEST_RUN", run)
        let explained = try await sandbox.journalctlExplaining(["--no-pager", "GOALWATCH_LABEL_TEST_RUN=\(run)"])
        #expect(explained.status == 0, "\(explained.standardError)")
        #expect(explained.output.contains("FollowersBehindPace firing for test_run="))
        #expect(explained.output.contains("Subject: Alert FollowersBehindPace is firing"))
        #expect(explained.output.contains("Defined-By: goalwatch"))
        #expect(explained.output.contains("its value at this evaluation was 0.42"))
    }
}
