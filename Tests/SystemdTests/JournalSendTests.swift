import Foundation
import JournaldTestSupport
import Testing

@testable import Systemd

@Suite("sd_journal_sendv against the real journald", .needsJournald)
struct JournalSendTests {
    @Test("text with newlines, binary bytes and a repeated field arrive unchanged")
    func roundTrip() async throws {
        try await RealJournald.shared.ensureRunning()
        let run = UUID().uuidString
        try Journal.send([
            JournalField("MESSAGE", "first line\nsecond line"),
            JournalPriority.notice.field,
            JournalField("SYSLOG_IDENTIFIER", "goalwatch-test"),
            JournalField("GOALWATCH_TEST_RUN", run),
            JournalField("GOALWATCH_BYTES", bytes: [0x00, 0xFF, 0x0A, 0x41]),
            JournalField("GOALWATCH_REPEATED", "one"),
            JournalField("GOALWATCH_REPEATED", "two"),
        ])
        let entry = try #require(try await JournalQuery.entries("GOALWATCH_TEST_RUN", run).first)
        #expect(entry["MESSAGE"] == "first line\nsecond line")
        #expect(entry["PRIORITY"] == "5")
        #expect(entry["SYSLOG_IDENTIFIER"] == "goalwatch-test")
        #expect(entry.fields["GOALWATCH_BYTES"] == [[0x00, 0xFF, 0x0A, 0x41]])
        #expect(entry.values("GOALWATCH_REPEATED").sorted() == ["one", "two"])
    }
}
