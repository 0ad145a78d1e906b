import Foundation
import Testing

/// Prometheus' own `promtool check metrics`, the oracle for the exposition format; installed by
/// `scripts/install-deps.sh --test-oracles`.
enum PromtoolCheck {
    static let path = ["/usr/bin/promtool", "/usr/local/bin/promtool"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Checks `text` with promtool, which reads it from standard input; records an issue with
    /// promtool's complaints when it refuses it. Without promtool, says so and checks nothing.
    static func metrics(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        guard let path else {
            print("promtool is not installed (scripts/install-deps.sh --test-oracles): the exposition is not checked against it")
            return
        }
        let result: (status: Int32, output: String) = try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result {
                    let process = Process()
                    process.executableURL = URL(fileURLWithPath: path)
                    process.arguments = ["check", "metrics"]
                    let input = Pipe(), output = Pipe()
                    process.standardInput = input
                    process.standardOutput = output
                    process.standardError = output
                    try process.run()
                    input.fileHandleForWriting.write(Data(text.utf8))
                    try input.fileHandleForWriting.close()
                    let printed = output.fileHandleForReading.readDataToEndOfFile()
                    process.waitUntilExit()
                    return (process.terminationStatus, String(decoding: printed, as: UTF8.self))
                })
            }
        }
        #expect(result.status == 0, "promtool check metrics: \(result.output)", sourceLocation: sourceLocation)
    }
}
