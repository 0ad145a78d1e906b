import Foundation
import Logging
import Testing

@testable import Systemd

@Suite("logfmt log handler")
struct LogfmtLogHandlerTests {
    private struct Refused: Error, CustomStringConvertible {
        var description: String { "connection refused" }
    }

    private func logger(_ collector: LineCollector, provider: Logger.MetadataProvider? = nil) -> Logger {
        Logger(label: "goalwatch.notify") { label in
            LogfmtLogHandler(
                label: label, metadataProvider: provider,
                clock: { Date(timeIntervalSince1970: 1_795_867_200.25) },
                output: collector.append)
        }
    }

    @Test("a record is one line: time, level, message, logger, then metadata by key")
    func wholeLine() {
        let collector = LineCollector()
        logger(collector).info("alert sent", metadata: ["receiver": "oncall", "attempt": "2"])
        #expect(
            collector.lines == [
                "ts=2026-11-28T12:00:00.250Z level=info msg=\"alert sent\" logger=goalwatch.notify attempt=2 receiver=oncall"
            ])
    }

    @Test("a multi-line message stays on one line")
    func multiLineMessage() {
        let collector = LineCollector()
        logger(collector).warning("rule failed:\n  bad token")
        #expect(collector.lines.first?.contains("msg=\"rule failed:\\n  bad token\"") == true)
        #expect(collector.lines.first?.contains("\n") == false)
    }

    @Test("nested metadata is flattened with dots; arrays are written as text")
    func nestedMetadata() {
        let collector = LineCollector()
        logger(collector).notice(
            "ingested", metadata: ["file": ["path": "/data/a b.csv", "rows": "12"], "networks": ["x", "y"]])
        #expect(collector.lines.first?.hasSuffix("file.path=\"/data/a b.csv\" file.rows=12 networks=\"[\\\"x\\\", \\\"y\\\"]\"") == true)
    }

    @Test("the record's error is written as error=")
    func error() {
        let collector = LineCollector()
        logger(collector).error("delivery failed", error: Refused())
        #expect(collector.lines.first?.hasSuffix("logger=goalwatch.notify error=\"connection refused\"") == true)
    }

    @Test("record metadata overrides provider metadata, which overrides the logger's")
    func metadataPrecedence() {
        let collector = LineCollector()
        var log = logger(collector, provider: Logger.MetadataProvider { ["a": "provider", "b": "provider"] })
        log[metadataKey: "a"] = "logger"
        log[metadataKey: "c"] = "logger"
        log.info("x", metadata: ["b": "record"])
        #expect(collector.lines.first?.hasSuffix("a=provider b=record c=logger") == true)
    }

    @Test("records below the level are dropped")
    func level() {
        let collector = LineCollector()
        logger(collector).debug("hidden")
        #expect(collector.lines.isEmpty)
    }
}
