import Foundation
import Testing

private let canBuild = Command.find("dpkg-deb") != nil && FileManager.default.isExecutableFile(atPath: builtGoalwatch.path)

/// deploy/build-deb.sh, run on the built binary; the package is inspected with dpkg-deb.
@Suite(
    "Debian package",
    .enabled(if: canBuild, "needs dpkg-deb (Debian package dpkg) and the goalwatch binary built next to the tests"))
struct DebianPackageTests {
    let output: TemporaryFolder

    init() throws { output = try TemporaryFolder(prefix: "deb") }

    private func build(_ extra: [String] = []) async throws -> CommandResult {
        // The test build links the Swift runtime from the toolchain, which no Debian package provides.
        try await Command.run(
            "deploy/build-deb.sh",
            ["--binary", builtGoalwatch.path, "--output", output.path, "--compression", "none", "--version", "0.1.0"] + extra)
    }

    @Test("the package holds the installed tree, its /etc files as conffiles, and depends on what the binary links")
    func packageContents() async throws {
        let built = try await build(["--allow-unpackaged-libraries"])
        try #require(built.status == 0, "\(built)")
        let architecture = try await Command.run("dpkg", ["--print-architecture"]).output.trimmingCharacters(in: .whitespacesAndNewlines)
        let package = output.file("goalwatch_0.1.0_\(architecture).deb")
        #expect(built.output.trimmingCharacters(in: .newlines) == package)

        let listing = try await Command.run("dpkg-deb", ["--contents", package])
        #expect(listing.status == 0, "\(listing)")
        let files = Set(listing.output.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("-") else { return nil }
            return line.split(separator: " ").last.map { String($0.dropFirst(2)) }
        })
        #expect(files == Set(InstallTests.expectedFiles.map(\.path)), "\(listing.output)")
        #expect(listing.output.contains("-rwxr-xr-x root/root"), "the binary is root-owned and executable")

        let fields = try await Command.run("dpkg-deb", ["--field", package, "Package", "Version", "Architecture", "Depends"])
        #expect(fields.output.contains("Package: goalwatch"))
        #expect(fields.output.contains("Version: 0.1.0"))
        #expect(fields.output.contains("Architecture: \(architecture)"))
        for dependency in ["libsystemd0", "libsqlite3-0", "libc6", "systemd"] {
            #expect(fields.output.contains(dependency), "\(fields.output)")
        }

        let control = try TemporaryFolder(prefix: "deb-control")
        let extracted = try await Command.run("dpkg-deb", ["--control", package, control.path])
        try #require(extracted.status == 0, "\(extracted)")
        let conffiles = try String(contentsOfFile: control.file("conffiles"), encoding: .utf8)
        #expect(Set(conffiles.split(separator: "\n").map(String.init))
            == Set(InstallTests.expectedFiles.map(\.path).filter { $0.hasPrefix("etc/") }.map { "/" + $0 }))
        let postinst = try String(contentsOfFile: control.file("postinst"), encoding: .utf8)
        #expect(postinst.contains("systemctl daemon-reload"))
        #expect(postinst.contains("journalctl --update-catalog"))
        #expect(!postinst.contains("systemctl start") && !postinst.contains("systemctl enable"), "a first install must not start the service")
        let prerm = try String(contentsOfFile: control.file("prerm"), encoding: .utf8)
        #expect(prerm.contains("disable --now goalwatch.socket goalwatch.service"))
    }

    @Test("a binary that links a library no Debian package provides is refused, naming the library")
    func unpackagedLibraryRefused() async throws {
        let built = try await build()
        #expect(built.status != 0)
        #expect(built.error.contains("which no Debian package provides"), "\(built)")
        #expect(built.error.contains("--static-swift-stdlib"), "\(built)")
    }
}
