import Foundation
import Testing

/// `make install` / `make uninstall` into a staging root (DESTDIR), as a packager or an operator would.
@Suite(
    "install",
    .enabled(if: Command.find("make") != nil, "make (Debian package make, part of build-essential) is not installed"))
struct InstallTests {
    static let shippedRules = ["kpis.yml", "examples/alerts.yml", "examples/goals.yml"]

    /// The files `make install` puts under a prefix of /usr, with their modes.
    static let expectedFiles: [(path: String, mode: Int)] = [
        ("usr/bin/goalwatch", 0o755),
        ("usr/lib/systemd/system/goalwatch.service", 0o644),
        ("usr/lib/systemd/system/goalwatch.socket", 0o644),
        ("usr/lib/systemd/catalog/goalwatch.catalog", 0o644),
        ("usr/share/goalwatch/goalwatch.yml", 0o644),
        ("etc/goalwatch/goalwatch.yml", 0o644),
    ] + shippedRules.flatMap { rule -> [(path: String, mode: Int)] in
        [("usr/share/goalwatch/rules/\(rule)", 0o644), ("etc/goalwatch/rules/\(rule)", 0o644)]
    }

    let root: TemporaryFolder
    let build: TemporaryFolder
    let binary: String

    init() throws {
        root = try TemporaryFolder(prefix: "install-root")
        build = try TemporaryFolder(prefix: "install-build")
        binary = try build.write("goalwatch", "#!/bin/sh\necho goalwatch 0.0.0\n", mode: 0o755)
    }

    private func make(_ target: String, _ variables: [String] = []) async throws -> CommandResult {
        try await Command.run("make", ["--no-print-directory", target, "DESTDIR=\(root.path)", "BINARY=\(binary)"] + variables)
    }

    private func mode(_ relative: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: root.file(relative))
        return (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    private func contents(_ relative: String) throws -> String {
        try String(contentsOfFile: root.file(relative), encoding: .utf8)
    }

    @Test("make install lays out the binary, units, catalog, configuration and rules, with their modes")
    func installsTree() async throws {
        let result = try await make("install")
        #expect(result.status == 0, "\(result)")
        for (path, expected) in Self.expectedFiles {
            #expect(FileManager.default.fileExists(atPath: root.file(path)), "\(path) missing")
            #expect(try mode(path) == expected, "\(path)")
        }
        #expect(try contents("usr/lib/systemd/system/goalwatch.service")
            == String(contentsOf: repositoryFile("deploy/goalwatch.service"), encoding: .utf8))
        #expect(try contents("etc/goalwatch/goalwatch.yml") == String(contentsOf: repositoryFile("deploy/goalwatch.yml"), encoding: .utf8))
        #expect(try contents("etc/goalwatch/rules/kpis.yml") == String(contentsOf: repositoryFile("rules/kpis.yml"), encoding: .utf8))
        // Nothing else: no stray files beside the expected ones.
        let installed = try Self.files(under: root.url)
        #expect(installed == Set(Self.expectedFiles.map(\.path)))
    }

    @Test("a second install keeps an edited configuration and rule, and updates the reference copies")
    func keepsExistingConfiguration() async throws {
        #expect(try await make("install").status == 0)
        let edited = "# edited by the operator\nstorage: {path: /var/lib/goalwatch/goalwatch.sqlite}\n"
        try edited.write(toFile: root.file("etc/goalwatch/goalwatch.yml"), atomically: true, encoding: .utf8)
        try "groups: []\n".write(toFile: root.file("etc/goalwatch/rules/kpis.yml"), atomically: true, encoding: .utf8)
        try "stale".write(toFile: root.file("usr/share/goalwatch/goalwatch.yml"), atomically: true, encoding: .utf8)

        let again = try await make("install")
        #expect(again.status == 0, "\(again)")
        #expect(try contents("etc/goalwatch/goalwatch.yml") == edited)
        #expect(try contents("etc/goalwatch/rules/kpis.yml") == "groups: []\n")
        #expect(again.output.contains("kept \(root.path)/etc/goalwatch/goalwatch.yml"), "\(again)")
        #expect(try contents("usr/share/goalwatch/goalwatch.yml") == String(contentsOf: repositoryFile("deploy/goalwatch.yml"), encoding: .utf8))
    }

    @Test("make uninstall removes what install added and keeps /etc/goalwatch")
    func uninstallKeepsConfiguration() async throws {
        #expect(try await make("install").status == 0)
        let result = try await make("uninstall")
        #expect(result.status == 0, "\(result)")
        for (path, _) in Self.expectedFiles where !path.hasPrefix("etc/") {
            #expect(!FileManager.default.fileExists(atPath: root.file(path)), "\(path) left behind")
        }
        #expect(try Self.files(under: root.url) == Set(Self.expectedFiles.map(\.path).filter { $0.hasPrefix("etc/") }))
        #expect(result.output.contains("kept"), "\(result)")
    }

    @Test("PREFIX=/usr/local installs there and points ExecStart= at it")
    func otherPrefix() async throws {
        let result = try await make("install", ["PREFIX=/usr/local"])
        #expect(result.status == 0, "\(result)")
        let unit = UnitFile(text: try contents("usr/local/lib/systemd/system/goalwatch.service"))
        #expect(unit.value("Service", "ExecStart") == "/usr/local/bin/goalwatch run --config /etc/goalwatch/goalwatch.yml")
        #expect(FileManager.default.isExecutableFile(atPath: root.file("usr/local/bin/goalwatch")))
    }

    @Test("install without a built binary says how to build one and installs nothing")
    func missingBinary() async throws {
        let result = try await Command.run(
            "make", ["--no-print-directory", "install", "DESTDIR=\(root.path)", "BINARY=\(build.file("nowhere/goalwatch"))"])
        #expect(result.status != 0)
        #expect(result.error.contains("no goalwatch executable at"), "\(result)")
        #expect(result.error.contains("static-swift-stdlib"), "\(result)")
        #expect(try Self.files(under: root.url).isEmpty)
    }

    /// Every regular file under `folder`, as paths relative to it.
    static func files(under folder: URL) throws -> Set<String> {
        let base = folder.resolvingSymlinksInPath().path + "/"
        var found: Set<String> = []
        let enumerator = FileManager.default.enumerator(at: folder.resolvingSymlinksInPath(), includingPropertiesForKeys: [.isRegularFileKey])
        while let url = enumerator?.nextObject() as? URL {
            guard try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true else { continue }
            found.insert(String(url.resolvingSymlinksInPath().path.dropFirst(base.count)))
        }
        return found
    }
}
