import Foundation

/// A filesystem root for `systemd-analyze --root`: the host's own unit files (targets the units refer to),
/// `/bin/kill` (the reload command) and GoalWatch as deploy/install.sh installs it, with a stand-in binary.
///
/// `systemd-analyze verify` refuses a unit whose ExecStart= program does not exist; a root makes the check
/// independent of what is installed on the machine running the tests.
final class VerificationRoot {
    let folder: TemporaryFolder

    var path: String { folder.path }

    /// The installed copy of a unit, `goalwatch.service` or `goalwatch.socket`.
    func unit(_ name: String) -> String { folder.file("usr/lib/systemd/system/\(name)") }

    init() async throws {
        folder = try TemporaryFolder(prefix: "verify-root")
        let manager = FileManager.default
        try manager.createDirectory(atPath: folder.file("usr/lib/systemd"), withIntermediateDirectories: true)
        try manager.createDirectory(atPath: folder.file("usr/bin"), withIntermediateDirectories: true)
        try manager.createSymbolicLink(atPath: folder.file("bin"), withDestinationPath: "usr/bin")
        try manager.createSymbolicLink(atPath: folder.file("lib"), withDestinationPath: "usr/lib")
        let hostUnits = URL(fileURLWithPath: "/usr/lib/systemd/system").resolvingSymlinksInPath().path
        try manager.copyItem(atPath: hostUnits, toPath: folder.file("usr/lib/systemd/system"))
        if let kill = Command.find("kill") { try manager.copyItem(atPath: kill, toPath: folder.file("usr/bin/kill")) }
        let stub = try folder.write("stub/goalwatch", "#!/bin/sh\nexit 0\n", mode: 0o755)
        let installed = try await Command.run(
            "deploy/install.sh", ["install"], environment: ["DESTDIR": folder.path, "BINARY": stub])
        guard installed.status == 0 else { throw DeployTestError("install.sh failed:\n\(installed)") }
    }
}

/// A failure in a test's own set-up.
struct DeployTestError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
