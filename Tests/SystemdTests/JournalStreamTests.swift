import Foundation
import Testing

@testable import Systemd

@Suite("JOURNAL_STREAM")
struct JournalStreamTests {
    private let stream = JournalStream(device: 64_769, inode: 1_234_567)

    @Test("stderr is the journal when JOURNAL_STREAM names its device and inode")
    func matchingStream() {
        #expect(Journal.isConnected(journalStreamVariable: "64769:1234567", standardError: stream))
    }

    @Test(
        "stderr is not the journal when JOURNAL_STREAM is unset, malformed or names another stream",
        arguments: [nil, "", "64769", "64769:", "x:1234567", "64769:1234567:0", "64769:1234568", "1:1234567"])
    func otherStreams(variable: String?) {
        #expect(!Journal.isConnected(journalStreamVariable: variable, standardError: stream))
    }

    @Test("a closed stderr is never the journal")
    func closedStandardError() {
        #expect(!Journal.isConnected(journalStreamVariable: "0:0", standardError: nil))
    }

    @Test("fstat of an open descriptor gives the identity JOURNAL_STREAM would carry")
    func fstatIdentity() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("stream-\(UUID().uuidString)").path
        let descriptor = open(path, O_RDWR | O_CREAT, 0o600)
        #expect(descriptor >= 0)
        defer {
            close(descriptor)
            unlink(path)
        }
        let identity = try #require(JournalStream(fileDescriptor: descriptor))
        var status = stat()
        stat(path, &status)
        #expect(identity.environmentValue == "\(status.st_dev):\(status.st_ino)")
        #expect(Journal.isConnected(journalStreamVariable: identity.environmentValue, standardError: identity))
    }
}
