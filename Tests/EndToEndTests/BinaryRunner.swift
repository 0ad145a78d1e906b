import Foundation

/// Runs the built `goalwatch` binary as a user would and captures what it prints.
struct BinaryRunner {
    struct Result {
        var status: Int32
        var standardOutput: String
        var standardError: String
    }

    /// The `goalwatch` executable next to the test bundle in the build folder.
    static var executable: URL {
        var folder = Bundle.main.bundleURL
        for _ in 0..<4 where !FileManager.default.fileExists(atPath: folder.appendingPathComponent("goalwatch").path) {
            folder.deleteLastPathComponent()
        }
        return folder.appendingPathComponent("goalwatch")
    }

    /// Runs the binary to completion on a thread of its own, so that waiting for it never holds one of
    /// the few threads that run the tests' asynchronous work.
    static func run(_ arguments: [String], environment: [String: String] = [:], in directory: URL? = nil) async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Swift.Result<BinaryRunner.Result, any Error> {
                    try runBlocking(arguments, environment: environment, in: directory)
                })
            }
        }
    }

    private static func runBlocking(_ arguments: [String], environment: [String: String], in directory: URL?) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        if let directory { process.currentDirectoryURL = directory }
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        // Read before waiting so a large output cannot fill the pipe and stall the child.
        let outData = output.fileHandleForReading.readDataToEndOfFile()
        let errData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            standardOutput: String(decoding: outData, as: UTF8.self),
            standardError: String(decoding: errData, as: UTF8.self)
        )
    }

    /// Waits for `process` to end without holding a thread (polling, at most `seconds`), then returns
    /// its exit status.
    @discardableResult
    static func waitForExit(_ process: Process, within seconds: Double = 60) async throws -> Int32 {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning, Date() < deadline { try await Task.sleep(for: .milliseconds(10)) }
        guard !process.isRunning else { throw ProcessDidNotExit(seconds: seconds) }
        return process.terminationStatus
    }
}

/// A process did not end in time.
struct ProcessDidNotExit: Error, CustomStringConvertible {
    var seconds: Double
    var description: String { "the process did not exit within \(seconds) s" }
}
