import Foundation

/// The repository's root folder, found from this source file's location.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// A file of the repository, by its path from the root (`deploy/goalwatch.service`).
func repositoryFile(_ path: String) -> URL { repositoryRoot.appendingPathComponent(path) }

/// A fresh folder under the system's temporary directory, removed when the value goes away.
final class TemporaryFolder {
    let url: URL

    init(prefix: String = "deploy") throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    var path: String { url.path }

    /// `relative` inside the folder.
    func file(_ relative: String) -> String { url.appendingPathComponent(relative).path }

    /// Writes `text` to `relative` inside the folder, creating folders on the way, and returns its path.
    @discardableResult
    func write(_ relative: String, _ text: String, mode: Int = 0o644) throws -> String {
        let path = file(relative)
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        return path
    }

    deinit { try? FileManager.default.removeItem(at: url) }
}

/// What a finished command printed and how it ended.
struct CommandResult: Sendable, CustomStringConvertible {
    var status: Int32
    var output: String
    var error: String

    var description: String { "exit \(status)\nstdout:\n\(output)\nstderr:\n\(error)" }
}

/// Runs programs the way an operator would, from the repository's root.
enum Command {
    /// The first executable named `name` on `$PATH` or in the system folders, or `nil`.
    static func find(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let folders = path.split(separator: ":").map(String.init) + ["/usr/bin", "/bin", "/usr/sbin", "/sbin"]
        return folders.map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Runs `executable` (a path, or a name looked up with ``find(_:)``) to its end, on a Dispatch thread so
    /// that waiting never holds a thread of the test's executor; both pipes are drained at once.
    static func run(
        _ executable: String, _ arguments: [String], environment: [String: String] = [:],
        in directory: URL = repositoryRoot
    ) async throws -> CommandResult {
        let path = executable.contains("/") ? executable : (find(executable) ?? executable)
        return try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try runBlocking(path, arguments, environment, directory) })
            }
        }
    }

    private static func runBlocking(_ path: String, _ arguments: [String], _ environment: [String: String], _ directory: URL) throws -> CommandResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.currentDirectoryURL = directory
        process.standardInput = FileHandle.nullDevice
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let drains = [output, error].map(PipeDrain.init)
        DispatchQueue.concurrentPerform(iterations: drains.count) { drains[$0].drain() }
        process.waitUntilExit()
        return CommandResult(
            status: process.terminationStatus, output: String(decoding: drains[0].data, as: UTF8.self),
            error: String(decoding: drains[1].data, as: UTF8.self))
    }
}

/// Reads one pipe to its end; each instance is drained by exactly one thread and read only after
/// `concurrentPerform` has returned, which orders the write before the read.
private final class PipeDrain: @unchecked Sendable {
    let pipe: Pipe
    private(set) var data = Data()

    init(_ pipe: Pipe) { self.pipe = pipe }

    func drain() { data = pipe.fileHandleForReading.readDataToEndOfFile() }
}

/// The `goalwatch` executable next to the test bundle in the build folder.
var builtGoalwatch: URL {
    var folder = Bundle.main.bundleURL
    for _ in 0..<4 where !FileManager.default.fileExists(atPath: folder.appendingPathComponent("goalwatch").path) {
        folder.deleteLastPathComponent()
    }
    return folder.appendingPathComponent("goalwatch")
}
