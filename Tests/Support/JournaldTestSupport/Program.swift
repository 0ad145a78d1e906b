import Foundation

/// What a finished program printed and how it ended.
public struct ProgramResult: Sendable {
    /// The exit status (or the terminating signal's number).
    public var status: Int32
    /// Everything written to standard output.
    public var standardOutput: Data
    /// Everything written to standard error, as text.
    public var standardError: String

    /// Standard output as text.
    public var output: String { String(decoding: standardOutput, as: UTF8.self) }
}

/// Runs helper programs (journalctl, unshare) for tests.
public enum Program {
    /// The first executable named `name` on `$PATH` or in the system folders, or `nil`.
    public static func find(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let folders = path.split(separator: ":").map(String.init) + ["/usr/bin", "/bin", "/usr/sbin", "/sbin"]
        return folders.map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Runs `executable` with `arguments` to its end and collects its output.
    ///
    /// The wait happens on a Dispatch thread, not on the caller's executor; both pipes are drained at
    /// once, so a chatty program cannot block on a full pipe.
    public static func run(_ executable: String, _ arguments: [String]) async throws -> ProgramResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        return await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                let streams = [output, error].map { PipeDrain(pipe: $0) }
                DispatchQueue.concurrentPerform(iterations: streams.count) { streams[$0].drain() }
                process.waitUntilExit()
                continuation.resume(
                    returning: ProgramResult(
                        status: process.terminationStatus,
                        standardOutput: streams[0].data,
                        standardError: String(decoding: streams[1].data, as: UTF8.self)))
            }
        }
    }
}

/// Reads one pipe to its end; each instance is drained by exactly one thread and read only after
/// `concurrentPerform` has returned, which orders the write before the read.
private final class PipeDrain: @unchecked Sendable {
    let pipe: Pipe
    private(set) var data = Data()

    init(pipe: Pipe) { self.pipe = pipe }

    func drain() { data = pipe.fileHandleForReading.readDataToEndOfFile() }
}
