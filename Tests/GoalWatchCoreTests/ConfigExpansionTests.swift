import Testing
@testable import GoalWatchCore

@Suite("${file:…} and ${env:…} expansion")
struct ConfigExpansionTests {
    static func storagePath(_ value: String, environment: [String: String] = [:], files: [String: String] = [:]) throws -> String {
        try ConfigFixture.load("storage:\n  path: \(value)\n", environment: environment, files: files).storage.path
    }

    @Test("${env:NAME} is replaced by the variable's value, inside a longer string too")
    func expandsEnvironment() throws {
        #expect(try Self.storagePath("${env:DB}", environment: ["DB": "/data/gw.sqlite"]) == "/data/gw.sqlite")
        #expect(try Self.storagePath("/data/${env:NAME}.sqlite", environment: ["NAME": "gw"]) == "/data/gw.sqlite")
    }

    @Test("${file:PATH} is the file's text without its trailing newline, PATH relative to the config's folder")
    func expandsFile() throws {
        let files = ["/srv/goalwatch/db-path": "/data/gw.sqlite\n"]
        #expect(try Self.storagePath("${file:db-path}", files: files) == "/data/gw.sqlite")
        #expect(try Self.storagePath("${file:/srv/goalwatch/db-path}", files: files) == "/data/gw.sqlite")
    }

    @Test("only one trailing newline is dropped", arguments: [
        ("token\n", "token"), ("token\r\n", "token"), ("token", "token"), ("token\n\n", "token\n"), ("a\nb\n", "a\nb"),
    ])
    func dropsOneTrailingNewline(content: String, expected: String) {
        #expect(VariableExpansion.droppingTrailingNewline(content) == expected)
    }

    @Test("$$ is a literal $, and a $ not followed by { or $ stays as written")
    func escapesDollar() throws {
        #expect(try Self.storagePath("\"/data/$${env:X}.sqlite\"") == "/data/${env:X}.sqlite")
        #expect(try Self.storagePath("/data/a$b$") == "/data/a$b$")
    }

    @Test("an empty variable gives an empty string, not a missing value")
    func emptyVariableIsEmptyString() {
        let errors = ConfigFixture.errors("storage:\n  path: ${env:EMPTY}\n", environment: ["EMPTY": ""])
        #expect(errors == [
            "goalwatch.yml:2:9: expected a file path such as /var/lib/goalwatch/goalwatch.sqlite (value from ${env:EMPTY} not shown)",
        ])
    }

    @Test("keys are never expanded")
    func keysAreNotExpanded() {
        let errors = ConfigFixture.errors("storage:\n  ${env:KEY}: x\n", environment: ["KEY": "path"])
        #expect(errors == ["goalwatch.yml:2:3: unknown key '${env:KEY}'; allowed keys here: path, retention"])
    }

    @Test("${credential:NAME} reads the file NAME in systemd's $CREDENTIALS_DIRECTORY")
    func expandsCredential() throws {
        let environment = ["CREDENTIALS_DIRECTORY": "/run/credentials/goalwatch.service"]
        let files = ["/run/credentials/goalwatch.service/db-path": "/data/gw.sqlite\n"]
        #expect(try Self.storagePath("${credential:db-path}", environment: environment, files: files) == "/data/gw.sqlite")
    }

    @Test("a credential outside systemd, a bad credential name and a missing credential are errors")
    func credentialErrors() {
        #expect(ConfigFixture.errors("storage:\n  path: ${credential:db-path}\n") == [
            "goalwatch.yml:2:9: ${credential:db-path} needs $CREDENTIALS_DIRECTORY, which systemd sets for a unit with "
                + "LoadCredential=db-path:…; outside systemd, use ${file:PATH}",
        ])
        let environment = ["CREDENTIALS_DIRECTORY": "/run/credentials/goalwatch.service"]
        #expect(ConfigFixture.errors("storage:\n  path: ${credential:../etc/passwd}\n", environment: environment) == [
            "goalwatch.yml:2:9: expected a credential name in ${credential:../etc/passwd}, such as ${credential:slack-url}",
        ])
        #expect(ConfigFixture.errors("storage:\n  path: ${credential:nope}\n", environment: environment).first?
            .hasPrefix("goalwatch.yml:2:9: cannot read /run/credentials/goalwatch.service/nope (used by ${credential:nope})") == true)
    }
}
