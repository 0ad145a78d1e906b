import Testing

@testable import Systemd

@Suite("log backend choice")
struct LogBackendTests {
    @Test(
        "GOALWATCH_LOG wins; unset, empty or auto follow JOURNAL_STREAM",
        arguments: [
            (nil, true, LogBackend.journal), (nil, false, .logfmt),
            ("", true, .journal), ("auto", false, .logfmt),
            ("journal", false, .journal), ("logfmt", true, .logfmt),
        ] as [(String?, Bool, LogBackend)])
    func selection(override: String?, connected: Bool, expected: LogBackend) throws {
        #expect(try LogBackend.select(override: override, standardErrorIsJournal: connected) == expected)
    }

    @Test("an unknown GOALWATCH_LOG value is refused with what is accepted")
    func unknownValue() {
        let error = #expect(throws: LogBackendError.self) {
            try LogBackend.select(override: "syslog", standardErrorIsJournal: true)
        }
        #expect(error?.description == "GOALWATCH_LOG must be journal, logfmt or auto; found \"syslog\"")
    }

    @Test("each backend makes its handler")
    func handlers() {
        #expect(LogBackend.journal.makeHandler(label: "l", identifier: "goalwatch") is JournalLogHandler)
        #expect(LogBackend.logfmt.makeHandler(label: "l", identifier: "goalwatch") is LogfmtLogHandler)
    }
}
