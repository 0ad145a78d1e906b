import Foundation
import JournaldTestSupport

/// A throw-away root folder holding deploy/goalwatch.catalog and the catalog database journalctl compiles
/// from it, so the tests never touch the machine's own catalog.
struct CatalogSandbox {
    /// The root folder, given to `journalctl --root`.
    let root: String

    /// Whether this process may bind-mount in a mount namespace of its own (`unshare --mount`): the way to
    /// show the sandbox's catalog to `journalctl -x`, which reads only /var/lib/systemd/catalog/database.
    static func canIsolateMounts() async -> Bool {
        guard let unshare = Program.find("unshare"),
            FileManager.default.fileExists(atPath: "/var/lib/systemd/catalog")
        else { return false }
        let result = try? await Program.run(unshare, ["--mount", "--propagation", "private", "true"])
        return result?.status == 0
    }

    /// Copies the catalog to `ROOT/usr/lib/systemd/catalog/goalwatch.catalog`.
    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("catalog-\(UUID().uuidString)").path
        let folder = root + "/usr/lib/systemd/catalog"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: CatalogFile.path, toPath: folder + "/goalwatch.catalog")
    }

    /// The folder holding the compiled database, `ROOT/var/lib/systemd/catalog`.
    var databaseFolder: String { root + "/var/lib/systemd/catalog" }

    /// Runs `journalctl --root=ROOT` with `arguments`.
    func journalctl(_ arguments: [String]) async throws -> ProgramResult {
        try await Program.run(try Self.journalctlPath(), ["--root=\(root)"] + arguments)
    }

    /// Runs `journalctl -x` on the live journal in a private mount namespace in which the sandbox's
    /// database is mounted over /var/lib/systemd/catalog; the machine's catalog stays as it was.
    func journalctlExplaining(_ arguments: [String]) async throws -> ProgramResult {
        guard let unshare = Program.find("unshare") else { throw JournaldHarnessError("unshare is not installed") }
        let script = "mount --bind \"$1\" /var/lib/systemd/catalog && shift && exec \"$@\""
        return try await Program.run(
            unshare,
            ["--mount", "--propagation", "private", "/bin/sh", "-c", script, "sh", databaseFolder]
                + [try Self.journalctlPath(), "-x"] + arguments)
    }

    /// Deletes the root folder.
    func remove() {
        try? FileManager.default.removeItem(atPath: root)
    }

    private static func journalctlPath() throws -> String {
        guard let path = Program.find("journalctl") else { throw JournaldHarnessError("journalctl is not installed") }
        return path
    }
}
