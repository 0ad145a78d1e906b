import Foundation
import JournaldTestSupport
import Logging
import Testing

@testable import Systemd

@Suite("journald log handler")
struct JournalLogHandlerTests {
    @Test(
        "levels map to syslog priorities",
        arguments: [
            (Logger.Level.trace, 7), (.debug, 7), (.info, 6), (.notice, 5), (.warning, 4), (.error, 3),
            (.critical, 2),
        ] as [(Logger.Level, Int)])
    func priorities(level: Logger.Level, priority: Int) {
        #expect(JournalPriority(level).rawValue == priority)
    }

    @Test("metadata keys become GOALWATCH_ fields; nested keys are joined with _")
    func metadataFields() {
        var handler = JournalLogHandler(label: "goalwatch.ingest", identifier: "goalwatch")
        handler.metadata = ["source": "instagram-export"]
        let event = LogEvent(
            level: .warning, message: "file refused",
            metadata: ["first-response": "45", "file": ["path": "/data/x.csv"], "rows": ["1", "2"]],
            source: "GoalWatchIngest", file: "GoalWatchIngest/FileSource.swift", function: "poll()", line: 42)
        let fields = handler.fields(for: event).map { "\($0.name)=\($0.text)" }
        #expect(
            fields == [
                "MESSAGE=file refused", "PRIORITY=4", "SYSLOG_IDENTIFIER=goalwatch",
                "CODE_FILE=GoalWatchIngest/FileSource.swift", "CODE_LINE=42", "CODE_FUNC=poll()",
                "GOALWATCH_LOGGER=goalwatch.ingest", "GOALWATCH_FILE_PATH=/data/x.csv",
                "GOALWATCH_FIRST_RESPONSE=45", "GOALWATCH_ROWS=[\"1\", \"2\"]", "GOALWATCH_SOURCE=instagram-export",
            ])
    }

    @Test("message_id metadata is journald's own MESSAGE_ID, the catalog's key")
    func messageID() {
        let handler = JournalLogHandler(label: "goalwatch", identifier: "goalwatch")
        let event = LogEvent(
            level: .info, message: "reloaded",
            metadata: ["message_id": "0cd2e42f4a5c4f24b19f5f190758bca3", "event": "reload"],
            source: "GoalWatchDaemon", file: "Daemon.swift", function: "reload()", line: 7)
        let fields = handler.fields(for: event).map { "\($0.name)=\($0.text)" }
        #expect(fields.contains("MESSAGE_ID=0cd2e42f4a5c4f24b19f5f190758bca3"))
        #expect(fields.contains("GOALWATCH_EVENT=reload"))
        #expect(!fields.contains { $0.hasPrefix("GOALWATCH_MESSAGE_ID") })
    }

    @Test("a record logged through swift-log is read back from journald with every field", .needsJournald)
    func readBack() async throws {
        try await RealJournald.shared.ensureRunning()
        let run = UUID().uuidString
        let logger = Logger(label: "goalwatch.test") { JournalLogHandler(label: $0, identifier: "goalwatch-test") }
        let line: UInt = #line + 1
        logger.error("delivery failed\nafter 3 attempts", metadata: ["test-run": "\(run)", "receiver": "oncall"])
        let entry = try #require(try await JournalQuery.entries("GOALWATCH_TEST_RUN", run).first)
        #expect(entry["MESSAGE"] == "delivery failed\nafter 3 attempts")
        #expect(entry["PRIORITY"] == "3")
        #expect(entry["SYSLOG_IDENTIFIER"] == "goalwatch-test")
        #expect(entry["CODE_FILE"]?.hasSuffix("JournalLogHandlerTests.swift") == true)
        #expect(entry["CODE_LINE"] == String(line))
        #expect(entry["CODE_FUNC"] == "readBack()")
        #expect(entry["GOALWATCH_LOGGER"] == "goalwatch.test")
        #expect(entry["GOALWATCH_RECEIVER"] == "oncall")
    }
}
