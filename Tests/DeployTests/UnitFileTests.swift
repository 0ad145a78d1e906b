import Foundation
import Testing

private let analyze = Command.find("systemd-analyze")

/// deploy/goalwatch.service and deploy/goalwatch.socket, checked by systemd's own analyzer and against the
/// contract of DESIGN §10.
@Suite(
    "systemd units",
    .enabled(if: analyze != nil, "systemd-analyze (Debian package systemd) is not installed; scripts/install-deps.sh installs it"))
struct UnitFileTests {
    let service = UnitFile(text: (try? String(contentsOf: repositoryFile("deploy/goalwatch.service"), encoding: .utf8)) ?? "")
    let socket = UnitFile(text: (try? String(contentsOf: repositoryFile("deploy/goalwatch.socket"), encoding: .utf8)) ?? "")

    @Test("systemd-analyze verify accepts both units without a single warning")
    func verifyIsClean() async throws {
        let root = try await VerificationRoot()
        let result = try await Command.run(
            "systemd-analyze", ["verify", "--man=no", "--root=\(root.path)", "goalwatch.service", "goalwatch.socket"])
        #expect(result.status == 0, "\(result)")
        #expect(result.error.isEmpty, "\(result)")
        #expect(result.output.isEmpty, "\(result)")
    }

    @Test("the verify check notices a mistake: warnings are printed even though the exit status is 0")
    func verifyNoticesMistakes() async throws {
        let root = try await VerificationRoot()
        let text = try String(contentsOfFile: root.unit("goalwatch.service"), encoding: .utf8)
        try text.replacingOccurrences(of: "WatchdogSec=30s", with: "WatchdogSec=thirty\nProtectSystm=strict")
            .write(toFile: root.unit("goalwatch.service"), atomically: true, encoding: .utf8)
        let result = try await Command.run("systemd-analyze", ["verify", "--man=no", "--root=\(root.path)", "goalwatch.service"])
        #expect(result.error.contains("WatchdogSec") || result.error.contains("thirty"), "\(result)")
        #expect(result.error.contains("ProtectSystm"), "\(result)")
    }

    @Test("systemd-analyze security --offline rates the service's exposure 1.5 or lower: OK")
    func securityExposure() async throws {
        let root = try await VerificationRoot()
        let result = try await Command.run(
            "systemd-analyze", ["security", "--offline=true", "--threshold=15", "--root=\(root.path)", "goalwatch.service"])
        #expect(result.status == 0, "\(result)")
        let exposure = try #require(Self.overallExposure(result.output), "\(result)")
        #expect(exposure.level <= 1.5, "\(result.output)")
        #expect(exposure.verdict == "OK", "\(result.output)")
    }

    @Test("the security check bites: the same service without its sandbox is rated over the threshold")
    func securityThresholdBites() async throws {
        let root = try await VerificationRoot()
        let bare = service.assignments.filter { $0.section != "Service" || Self.essentialKeys.contains($0.key) }
        let text = ["[Unit]", "Description=unhardened", "[Service]"]
            + bare.filter { $0.section == "Service" }.map { "\($0.key)=\($0.value)" }
        try (text.joined(separator: "\n") + "\n").write(toFile: root.unit("goalwatch.service"), atomically: true, encoding: .utf8)
        let result = try await Command.run(
            "systemd-analyze", ["security", "--offline=true", "--threshold=15", "--root=\(root.path)", "goalwatch.service"])
        #expect(result.status != 0, "\(result)")
        #expect(try #require(Self.overallExposure(result.output)).level > 1.5, "\(result.output)")
    }

    @Test("the service speaks the contract of DESIGN §10: notify, reload by SIGHUP, watchdog, bounded stop")
    func serviceContract() {
        #expect(service.value("Service", "Type") == "notify")
        #expect(service.value("Service", "NotifyAccess") == "main")
        #expect(service.value("Service", "ExecStart") == "/usr/bin/goalwatch run --config /etc/goalwatch/goalwatch.yml")
        #expect(service.value("Service", "ExecReload") == "/bin/kill -HUP $MAINPID")
        #expect(service.value("Service", "WatchdogSec") == "30s")
        #expect(service.value("Service", "Restart") == "on-failure")
        #expect(service.value("Service", "RestartSec") != nil)
        #expect(service.value("Service", "TimeoutStopSec") != nil)
        #expect(service.value("Install", "WantedBy") == "multi-user.target")
    }

    @Test("the service runs as a dynamic user with its own state and configuration folders")
    func serviceFiles() {
        #expect(service.value("Service", "DynamicUser") == "yes")
        #expect(service.value("Service", "StateDirectory") == "goalwatch")
        #expect(service.value("Service", "ConfigurationDirectory") == "goalwatch")
        #expect(service.value("Service", "UMask") == "0077")
        for (key, value) in [
            ("ProtectSystem", "strict"), ("PrivateTmp", "yes"), ("NoNewPrivileges", "yes"), ("CapabilityBoundingSet", ""),
            ("MemoryDenyWriteExecute", "yes"), ("SystemCallArchitectures", "native"),
            ("RestrictAddressFamilies", "AF_UNIX AF_INET AF_INET6"),
        ] {
            #expect(service.value("Service", key) == value, "\(key)")
        }
        #expect(service.values("Service", "SystemCallFilter").first == "@system-service")
    }

    @Test("every credential deploy/goalwatch.yml reads is loaded by the unit, under the same name")
    func credentialsMatchConfiguration() throws {
        let configuration = try String(contentsOf: repositoryFile("deploy/goalwatch.yml"), encoding: .utf8)
        let prefix = "/run/credentials/goalwatch.service/"
        let used = Set(configuration.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("#") }
            .flatMap { line in line.components(separatedBy: prefix).dropFirst().map { String($0.prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." }) } })
        let loaded = Set(service.values("Service", "LoadCredential").compactMap { $0.split(separator: ":").first.map(String.init) })
        #expect(!used.isEmpty)
        #expect(used.isSubset(of: loaded), "used \(used.sorted()), loaded \(loaded.sorted())")
    }

    @Test("the socket listens on the loopback port of the HTTP API and activates goalwatch.service")
    func socketUnit() throws {
        #expect(socket.value("Socket", "ListenStream") == "127.0.0.1:9464")
        // The configuration's API listens on the socket's address, so `listen: systemd` moves nothing.
        let configuration = try String(contentsOf: repositoryFile("deploy/goalwatch.yml"), encoding: .utf8)
        #expect(configuration.contains("\nhttp:\n  listen: \(socket.value("Socket", "ListenStream") ?? "")\n"))
        #expect(socket.value("Socket", "FileDescriptorName") == "http")
        #expect(socket.value("Socket", "Service") == "goalwatch.service")
        #expect(socket.value("Install", "WantedBy") == "sockets.target")
    }

    /// Settings that make the unit run at all, kept when stripping the sandbox.
    static let essentialKeys: Set<String> = ["Type", "NotifyAccess", "ExecStart", "ExecReload"]

    /// `(1.1, "OK")` from `→ Overall exposure level for goalwatch.service: 1.1 OK 🙂`.
    static func overallExposure(_ output: String) -> (level: Double, verdict: String)? {
        guard let line = output.split(separator: "\n").last(where: { $0.contains("Overall exposure level") }),
            let colon = line.lastIndex(of: ":")
        else { return nil }
        let words = line[line.index(after: colon)...].split(separator: " ")
        guard words.count >= 2, let level = Double(words[0]) else { return nil }
        return (level, String(words[1]))
    }
}
