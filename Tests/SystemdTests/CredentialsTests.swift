import Foundation
import Testing
@testable import Systemd

/// Credentials read from a temporary folder standing in for $CREDENTIALS_DIRECTORY.
@Suite("credentials", .serialized)
struct CredentialsTests {
    let folder: URL
    let credentials: Credentials
    static let secret = "s3cr3t-hook-value"

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("credentials-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        credentials = Credentials(directory: folder.path)
    }

    private func write(_ name: String, _ text: String) throws {
        try Data(text.utf8).write(to: folder.appendingPathComponent(name))
    }

    @Test("a credential's path is the folder and its name")
    func path() throws {
        #expect(try credentials.path(of: "slack-url") == folder.path + "/slack-url")
        #expect(try Credentials(directory: "/run/credentials/goalwatch.service/").path(of: "api-token")
            == "/run/credentials/goalwatch.service/api-token")
    }

    @Test("text drops exactly one trailing line break, as the configuration's *_file keys do", arguments: [
        ("token\n", "token"), ("token\r\n", "token"), ("token\n\n", "token\n"), ("token", "token"), ("", ""),
        ("line one\nline two\n", "line one\nline two"),
    ])
    func trimsOneNewline(stored: String, expected: String) throws {
        try write("hook-secret", stored)
        #expect(try credentials.text("hook-secret") == expected)
    }

    @Test("bytes are returned as stored, binary and large ones too")
    func bytesUnchanged() throws {
        let stored = (0..<10_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        try Data(stored).write(to: folder.appendingPathComponent("key.bin"))
        #expect(try credentials.bytes("key.bin") == stored)
        #expect(credentials.contains("key.bin"))
    }

    @Test("a missing credential names itself and the setting that passes it")
    func missing() throws {
        let error = try #require(throws: CredentialError.self) { try credentials.text("slack-url") }
        #expect(error == .missing(name: "slack-url", path: folder.path + "/slack-url"))
        #expect(error.description.contains("\"slack-url\""))
        #expect(error.description.contains("LoadCredential=slack-url"))
        #expect(!credentials.contains("slack-url"))
    }

    @Test("errors about an unreadable or non-text credential never quote its contents")
    func errorsHideContents() throws {
        // A folder under the credential's name opens but cannot be read (EISDIR), even as root.
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("api-token"), withIntermediateDirectories: true)
        let unreadable = try #require(throws: CredentialError.self) { try credentials.text("api-token") }
        #expect(unreadable == .unreadable(name: "api-token", path: folder.path + "/api-token", errno: EISDIR))
        #expect(unreadable.description.contains("\"api-token\""))

        try Data(Array(Self.secret.utf8) + [0xFF, 0xFE]).write(to: folder.appendingPathComponent("hook-secret"))
        let notText = try #require(throws: CredentialError.self) { try credentials.text("hook-secret") }
        #expect(notText == .notText(name: "hook-secret", path: folder.path + "/hook-secret"))
        #expect(!notText.description.contains(Self.secret))
        #expect(!String(describing: notText).contains(Self.secret))
    }

    @Test("names that are not a single file name are refused before touching the disk", arguments: [
        "", ".", "..", "../etc/shadow", "a/b", String(repeating: "x", count: 256),
    ])
    func invalidNames(name: String) throws {
        #expect(throws: CredentialError.invalidName(name)) { try credentials.path(of: name) }
        #expect(!credentials.contains(name))
    }

    @Test("the process's credentials come from CREDENTIALS_DIRECTORY")
    func fromEnvironment() throws {
        defer { unsetenv("CREDENTIALS_DIRECTORY") }
        try write("api-token", Self.secret + "\n")
        setenv("CREDENTIALS_DIRECTORY", folder.path, 1)
        #expect(Credentials.current() == credentials)
        #expect(try Credentials.text("api-token") == Self.secret)

        setenv("CREDENTIALS_DIRECTORY", "", 1)
        #expect(Credentials.current() == nil)
        unsetenv("CREDENTIALS_DIRECTORY")
        #expect(Credentials.current() == nil)
        let error = try #require(throws: CredentialError.self) { try Credentials.text("api-token") }
        #expect(error == .noCredentialsDirectory(name: "api-token"))
        #expect(error.description.contains("LoadCredential=api-token"))
    }
}
