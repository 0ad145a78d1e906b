import Testing
@testable import GoalWatchCore

@Suite("the http: section")
struct ConfigHTTPTests {
    static let token = "api-t0ken-5ecret"
    static let files = [
        "/run/credentials/goalwatch.service/api-token": token + "\n",
        "/srv/goalwatch/empty-token": "\n",
    ]

    @Test("listen, token_file and max_body are read; the token is there to compare but never shows")
    func readsTheSection() throws {
        let config = try ConfigFixture.load("""
            http:
              listen: 127.0.0.1:9464
              token_file: /run/credentials/goalwatch.service/api-token
              max_body: 64KiB
            """, files: Self.files)
        let http = try #require(config.http)
        #expect(http.listen == .address(host: "127.0.0.1", port: 9464))
        #expect(http.token?.reveal() == Self.token)
        #expect(http.maxBody == 64 * 1024)
        for rendering in ConfigSecretTests.renderings(config) {
            #expect(!rendering.contains(Self.token))
        }
    }

    @Test("without http: no server; without token_file no token; max_body defaults to 4 MiB")
    func defaults() throws {
        #expect(try ConfigFixture.load("evaluation: {interval: 1m}\n").http == nil)
        let http = try #require(try ConfigFixture.load("http: {listen: systemd}\n").http)
        #expect(http.listen == .systemd)
        #expect(http.token == nil)
        #expect(http.maxBody == 4 * 1024 * 1024)
    }

    @Test("listen takes IPv4, bracketed IPv6 and host names", arguments: [
        ("127.0.0.1:9464", HTTPListen.address(host: "127.0.0.1", port: 9464)),
        ("[::1]:8080", .address(host: "::1", port: 8080)),
        ("localhost:1", .address(host: "localhost", port: 1)),
        ("systemd", .systemd),
    ])
    func listenForms(_ text: String, _ expected: HTTPListen) {
        #expect(HTTPListen(text) == expected)
        #expect(HTTPListen(text)?.description == text)
    }

    @Test("external_url is read without its trailing slashes; it has no default in the section")
    func externalURL() throws {
        let http = try #require(try ConfigFixture.load("http: {listen: systemd, external_url: 'https://goalwatch.example.com/kpis/'}\n").http)
        #expect(http.externalURL == "https://goalwatch.example.com/kpis")
        #expect(try ConfigFixture.load("http: {listen: systemd}\n").http?.externalURL == nil)
    }

    @Test("token_file is relative to the configuration file's folder")
    func relativeTokenFile() throws {
        let config = try ConfigFixture.load(
            "http: {listen: '127.0.0.1:9464', token_file: api-token}\n", files: ["/srv/goalwatch/api-token": "t"])
        #expect(config.http?.token?.reveal() == "t")
    }

    static let bad: [BadConfig] = [
        BadConfig(
            name: "a listen address without a port",
            yaml: "http:\n  listen: 127.0.0.1\n",
            error: "goalwatch.yml:2:11: expected host:port such as 127.0.0.1:9464 or [::1]:9464, or systemd for the socket goalwatch.socket passes, found \"127.0.0.1\""),
        BadConfig(
            name: "a port out of range",
            yaml: "http:\n  listen: 127.0.0.1:70000\n",
            error: "goalwatch.yml:2:11: expected host:port such as 127.0.0.1:9464 or [::1]:9464, or systemd for the socket goalwatch.socket passes, found \"127.0.0.1:70000\""),
        BadConfig(
            name: "no listen key",
            yaml: "http:\n  max_body: 1MiB\n",
            error: "goalwatch.yml:2:3: missing key 'listen': expected an address such as 127.0.0.1:9464, or systemd"),
        BadConfig(
            name: "a misspelt key, with a suggestion",
            yaml: "http:\n  listen: systemd\n  tokenfile: api-token\n",
            error: "goalwatch.yml:3:3: unknown key 'tokenfile' (did you mean 'token_file'?); allowed keys here: listen, token_file, max_body, external_url"),
        BadConfig(
            name: "a token file that does not exist",
            yaml: "http:\n  listen: systemd\n  token_file: missing-token\n",
            error: "goalwatch.yml:3:15: cannot read /srv/goalwatch/missing-token (named by token_file): no such file"),
        BadConfig(
            name: "an empty token file",
            yaml: "http:\n  listen: systemd\n  token_file: empty-token\n",
            error: "goalwatch.yml:3:15: expected a secret in /srv/goalwatch/empty-token (named by token_file), found an empty file"),
        BadConfig(
            name: "an external URL that is not an absolute http(s) URL",
            yaml: "http:\n  listen: systemd\n  external_url: goalwatch.example.com/\n",
            error: "goalwatch.yml:3:17: expected an http(s) URL such as https://goalwatch.example.com, found \"goalwatch.example.com/\""),
        BadConfig(
            name: "a body limit of zero",
            yaml: "http:\n  listen: systemd\n  max_body: 0\n",
            error: "goalwatch.yml:3:13: expected a byte size such as 256MiB, 1MB or 1048576, found \"0\""),
    ]

    @Test("each bad setting gives exactly its error, at its line and column", arguments: bad)
    func reportsError(_ bad: BadConfig) {
        let errors = ConfigFixture.errors(bad.yaml, files: ConfigFixture.files.merging(Self.files) { $1 })
        #expect(errors == [bad.error])
    }
}
