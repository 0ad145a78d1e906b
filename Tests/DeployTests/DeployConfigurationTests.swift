import Foundation
import Testing

private let binaryBuilt = FileManager.default.isExecutableFile(atPath: builtGoalwatch.path)

/// deploy/goalwatch.yml, checked by the built `goalwatch check` as an operator would check it.
@Suite("deploy/goalwatch.yml", .enabled(if: binaryBuilt, "the goalwatch binary is not built next to the tests"))
struct DeployConfigurationTests {
    static let credentialFolder = "/run/credentials/goalwatch.service/"
    /// The credentials the example reads, with values of the right shape.
    static let credentials = [
        "care-token": "care-api-token\n", "hook-secret": "hook-signing-secret\n",
        "slack-url": "https://hooks.slack.com/services/T000/B000/XXXX\n", "pagerduty-key": "0123456789abcdef0123456789abcdef\n",
    ]

    @Test(
        "on a machine without the service's credentials, check reports exactly the missing credential files",
        .enabled(if: !FileManager.default.fileExists(atPath: credentialFolder), "this machine runs goalwatch.service"))
    func onlyCredentialsMissing() async throws {
        let result = try await Command.run(builtGoalwatch.path, ["check", "--config", "deploy/goalwatch.yml"])
        #expect(result.status == 1, "\(result)")
        let lines = result.error.split(separator: "\n").map(String.init)
        var missing: Set<String> = []
        for line in lines {
            guard line.hasPrefix("deploy/goalwatch.yml:"), line.hasSuffix(": no such file"),
                let range = line.range(of: "cannot read \(Self.credentialFolder)")
            else {
                Issue.record("not a missing credential: \(line)")
                continue
            }
            missing.insert(String(line[range.upperBound...].prefix { $0 != " " }))
        }
        #expect(missing == Set(Self.credentials.keys), "\(result)")
    }

    @Test("installed with its rules and given its credentials, the configuration is valid")
    func validOnceInstalled() async throws {
        let root = try TemporaryFolder(prefix: "config-root")
        let build = try TemporaryFolder(prefix: "config-build")
        let stub = try build.write("goalwatch", "#!/bin/sh\n", mode: 0o755)
        let installed = try await Command.run("deploy/install.sh", ["install"], environment: ["DESTDIR": root.path, "BINARY": stub])
        try #require(installed.status == 0, "\(installed)")
        for (name, value) in Self.credentials {
            try root.write("run/credentials/goalwatch.service/\(name)", value, mode: 0o400)
        }
        // The root stands in for /: the installed file with its absolute paths moved under the root.
        let config = root.file("etc/goalwatch/goalwatch.yml")
        var text = try String(contentsOfFile: config, encoding: .utf8)
        for folder in ["/etc/goalwatch/", "/var/lib/goalwatch/", Self.credentialFolder] {
            text = text.replacingOccurrences(of: folder, with: root.path + folder)
        }
        try text.write(toFile: config, atomically: true, encoding: .utf8)

        let result = try await Command.run(builtGoalwatch.path, ["check", "--config", config])
        #expect(result.status == 0, "\(result)")
        #expect(result.output.hasPrefix("\(config): OK (2 sources, 1 rule file:"), "\(result)")
        #expect(result.output.contains("3 receivers, 3 routes"), "\(result)")
        for value in Self.credentials.values {
            #expect(!(result.output + result.error).contains(value.trimmingCharacters(in: .newlines)))
        }
    }
}
