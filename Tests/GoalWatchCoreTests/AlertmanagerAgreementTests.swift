import Foundation
import Testing
@testable import GoalWatchCore

/// Where Alertmanager's amtool is installed, if it is.
private let amtoolPath: String? = ["/usr/bin/amtool", "/usr/local/bin/amtool"].first { FileManager.default.isExecutableFile(atPath: $0) }

/// Differential test against Alertmanager itself: the same matcher strings, written into an
/// Alertmanager routing tree (one route per string, all with `continue: true`), must select the same
/// alerts in `amtool config routes test` as ``AlertMatcher`` selects here.
@Suite("alert matchers agree with Alertmanager", .enabled(if: amtoolPath != nil, "amtool is not installed (Debian package prometheus-alertmanager)"))
struct AlertmanagerAgreementTests {
    static let matcherStrings = [
        #"team="care""#, "team=care", #"severity=~"warning|critical""#, "severity=~warn", #"network!~"x|tiktok""#,
        #"team="""#, #"team!="""#, #"{team="care", severity!="info",}"#, #"msg="say \"hi\"""#, #"id=~"\d+""#,
        #"path=a\b"#, #"goal=~"csat_.*""#, #"summary="a, b""#, " account = acme co ", #"severity=~"(?i)CRIT.*""#,
        #"account!~"^acme$""#,
    ]

    static let labelSets: [[String: String]] = [
        [:],
        ["team": "care", "severity": "warning"],
        ["team": "care", "severity": "info", "network": "x"],
        ["severity": "warn", "network": "tiktok"],
        ["severity": "critical", "network": "xing", "goal": "csat_q1", "id": "42"],
        ["msg": #"say "hi""#, "path": #"a\b"#, "summary": "a, b", "account": "acme co"],
        ["id": "4a", "team": "ads", "goal": "csat", "account": "acme"],
    ]

    @Test("every label set reaches the same routes")
    func agreement() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("goalwatch-amtool-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = folder.appendingPathComponent("alertmanager.yml")
        try Self.alertmanagerConfig().write(to: config, atomically: true, encoding: .utf8)

        let matchers = try Self.matcherStrings.map { text throws(InputError) in try AlertMatcher.parseList(text) }
        for labels in Self.labelSets {
            let ours = matchers.indices.filter { index in matchers[index].allSatisfy { $0.matches(labels) } }
            let expected = ours.isEmpty ? "none" : ours.map { "m\($0)" }.joined(separator: ",")
            let theirs = try Self.amtoolRoutes(config: config.path, labels: labels)
            #expect(theirs == expected, "labels \(labels)")
        }
    }

    /// A routing tree with one route per matcher string, `m0`, `m1`, …; alerts no route takes go to `none`.
    static func alertmanagerConfig() -> String {
        var text = "route:\n  receiver: none\n  routes:\n"
        for (index, matcher) in matcherStrings.enumerated() {
            // YAML single quotes: a quote is written twice, nothing else is special.
            let yaml = "'" + matcher.replacingOccurrences(of: "'", with: "''") + "'"
            text += "    - {receiver: m\(index), continue: true, matchers: [\(yaml)]}\n"
        }
        text += "receivers:\n  - name: none\n"
        for index in matcherStrings.indices { text += "  - name: m\(index)\n" }
        return text
    }

    /// The receivers amtool routes an alert with `labels` to, as it prints them (`m0,m3` or `none`).
    static func amtoolRoutes(config: String, labels: [String: String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: amtoolPath ?? "amtool")
        // amtool reads each label as an equality matcher, so values are given in the canonical quoted form.
        let arguments = try labels.sorted { $0.key < $1.key }.map { try AlertMatcher(name: $0.key, op: .equal, value: $0.value).description }
        process.arguments = ["config", "routes", "test", "--config.file=\(config)"] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
