import Testing
@testable import GoalWatchCore

@Suite("secrets from ${file:…} and ${env:…} never show")
struct ConfigSecretTests {
    static let fileSecret = "tok-FILE-5ecret-0123"
    static let envSecret = "tok-ENV-5ecret-4567"
    static let files = ["/run/credentials/goalwatch.service/token": fileSecret + "\n"]
    static let environment = ["CARE_TOKEN": envSecret, "CARE_URL": "https://\(envSecret)@care.example/kpis.json"]

    /// Everything a configuration can be turned into text by, without asking a secret for its value.
    static func renderings(_ config: Configuration) -> [String] {
        var dumped = ""
        dump(config, to: &dumped)
        return [String(describing: config), String(reflecting: config), "\(config)", dumped]
    }

    @Test("a loaded configuration shows no secret in description, debug description or dump")
    func loadedConfigurationHidesSecrets() throws {
        let text = """
            sources:
              - name: care
                kind: http
                url: ${env:CARE_URL}
                headers:
                  Authorization: "Bearer ${file:/run/credentials/goalwatch.service/token}"
                  X-Api-Key: ${env:CARE_TOKEN}
                  Accept: application/json

            """
        let config = try ConfigFixture.load(text, environment: Self.environment, files: Self.files)
        for rendering in Self.renderings(config) {
            #expect(!rendering.contains(Self.fileSecret))
            #expect(!rendering.contains(Self.envSecret))
            #expect(rendering.contains("<secret>"))
        }
        guard case .http(let http)? = config.sources.first?.kind else {
            Issue.record("care should be an http source")
            return
        }
        // Code still reaches the values when it asks for them; plain text stays readable.
        #expect(http.url.reveal() == "https://\(Self.envSecret)@care.example/kpis.json")
        #expect(http.headers["Authorization"]?.reveal() == "Bearer \(Self.fileSecret)")
        #expect(http.headers["X-Api-Key"]?.reveal() == Self.envSecret)
        #expect(http.headers["Accept"] == .plain("application/json"))
        #expect(http.headers["Accept"]?.description == "application/json")
    }

    @Test("errors about expanded values name the expansion, never the value", arguments: [
        // Not a URL: the value comes from a file.
        "sources:\n  - {name: a, kind: http, format: json, url: \"${file:/run/credentials/goalwatch.service/token}\"}\n",
        // Not a URL: the value comes from the environment.
        "sources:\n  - {name: a, kind: http, format: json, url: \"https://x.example/${env:CARE_TOKEN} x\"}\n",
        // Not a duration, a time zone, a name, a label name, a metric name, a regex, a byte size.
        "evaluation: {interval: \"${env:CARE_TOKEN}\", timezone: \"${env:CARE_TOKEN}\"}\n",
        "sources:\n  - {name: \"${env:CARE_TOKEN}!\", kind: file, path: a.json}\n",
        "sources:\n  - {name: a, kind: file, path: a.json, labels: {x: \"${env:CARE_TOKEN}\"}, non_negative: [\"${env:CARE_TOKEN}\"]}\n",
        "sources:\n  - {name: a, kind: file, path: a.json, limits: {max_rows: \"${env:CARE_TOKEN}\", max_file_size: \"${env:CARE_TOKEN}\"}}\n",
        "sources:\n  - {name: a, kind: file, path: a.csv, csv: {timestamp: {column: D, format: \"${env:CARE_TOKEN}\"}, metrics: {F: \"${env:CARE_TOKEN}\"}, skip_rows: \"(${env:CARE_TOKEN}\"}}\n",
        // Header values with a line break, from a file and from the environment.
        "sources:\n  - {name: a, kind: http, url: \"https://x.example/a.json\", headers: {A: \"${file:/run/credentials/goalwatch.service/multi}\", B: \"${env:MULTI}\"}}\n",
        // Two sources with the same secret name.
        "sources:\n  - {name: \"${env:NAME}\", kind: file, path: a.json}\n  - {name: \"${env:NAME}\", kind: file, path: b.json}\n",
        // A secret among bad choices.
        "sources:\n  - {name: a, kind: \"${env:CARE_TOKEN}\", format: \"${env:CARE_TOKEN}\", path: a.json, after_read: \"${env:CARE_TOKEN}\"}\n",
    ])
    func errorsHideExpandedValues(text: String) {
        let files = Self.files.merging(["/run/credentials/goalwatch.service/multi": "line1-\(Self.fileSecret)\nline2\n"]) { $1 }
        let environment = Self.environment.merging(["MULTI": "a\n\(Self.envSecret)", "NAME": "tok-ENV-5ecret-4567"]) { $1 }
        let errors = ConfigFixture.errors(text, environment: environment, files: files)
        #expect(!errors.isEmpty)
        for error in errors {
            #expect(!error.contains(Self.fileSecret), "\(error)")
            #expect(!error.contains(Self.envSecret), "\(error)")
            #expect(!error.contains("5ecret"), "\(error)")
        }
    }

    @Test("an invalid URL from a file says where it came from, not what it is")
    func invalidURLFromFileNamesTheFile() {
        let text = "sources:\n  - name: a\n    kind: http\n    format: json\n    url: ${file:/run/credentials/goalwatch.service/token}\n"
        let errors = ConfigFixture.errors(text, files: Self.files)
        #expect(errors == [
            "goalwatch.yml:5:10: expected an http(s) URL such as https://care.example/api/kpis.json (value from ${file:/run/credentials/goalwatch.service/token} not shown)",
        ])
    }

    @Test("a secret's description, debug description and dump are <secret>")
    func secretRendersHidden() {
        let secret = Secret(Self.fileSecret)
        var dumped = ""
        dump(secret, to: &dumped)
        #expect(String(describing: secret) == "<secret>")
        #expect(String(reflecting: secret) == "<secret>")
        #expect(!dumped.contains(Self.fileSecret))
        #expect(dumped.contains("<secret>"))
        #expect(secret.reveal() == Self.fileSecret)
        #expect(Redactable.secret(secret).description == "<secret>")
    }

    @Test("a scalar from an expansion hides its text when printed or dumped")
    func secretScalarRendersHidden() {
        let scalar = ConfigScalar(
            text: Self.envSecret, location: SourceLocation(file: "goalwatch.yml", line: 3, column: 9),
            origins: ["${env:CARE_TOKEN}"])
        var dumped = ""
        dump(scalar, to: &dumped)
        #expect(scalar.description == "<secret>")
        #expect(!String(reflecting: scalar).contains(Self.envSecret))
        #expect(!dumped.contains(Self.envSecret))
        #expect(scalar.found == " (value from ${env:CARE_TOKEN} not shown)")
    }
}
