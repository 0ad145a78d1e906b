import Testing

@Suite("goalwatch version")
struct VersionTests {
    @Test("prints the name and a semantic version, exit 0")
    func printsVersion() async throws {
        let result = try await BinaryRunner.run(["version"])
        #expect(result.status == 0)
        #expect(result.standardOutput.wholeMatch(of: /goalwatch \d+\.\d+\.\d+\n/) != nil)
    }

    @Test("takes --config like every command, and prints JSON with --format json")
    func versionAsJSON() async throws {
        let result = try await BinaryRunner.run(["version", "--config", "/nonexistent/goalwatch.yml", "--format", "json"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.wholeMatch(of: /\{"version":"\d+\.\d+\.\d+"\}\n/) != nil)
    }

    @Test("an unknown subcommand is a usage error: exit 2")
    func unknownSubcommand() async throws {
        let result = try await BinaryRunner.run(["frobnicate"])
        #expect(result.status == 2)
        #expect(result.standardError.contains("frobnicate"))
    }
}
