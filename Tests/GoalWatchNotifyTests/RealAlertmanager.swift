import Foundation
import Testing

/// Debian's Alertmanager (installed by scripts/install-deps.sh --test-oracles), run on a free loopback
/// port with a configuration of the test's, in a folder of its own; stopped by ``stop()``.
final class RealAlertmanager {
    static let path = "/usr/bin/prometheus-alertmanager"
    static let isInstalled = FileManager.default.isExecutableFile(atPath: path)
    static let missing: Comment = "prometheus-alertmanager is not installed (scripts/install-deps.sh --test-oracles installs it)"

    /// `http://127.0.0.1:<port>`.
    let base: String
    let folder: URL
    private let process: Process

    /// Starts Alertmanager with `configuration` (YAML) and waits until it is ready.
    init(configuration: String) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("goalwatch-am-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let port = try Self.freePorts(1)[0]
        base = "http://127.0.0.1:\(port)"
        let config = folder.appendingPathComponent("alertmanager.yml")
        try configuration.write(to: config, atomically: true, encoding: .utf8)
        process = Process()
        process.executableURL = URL(fileURLWithPath: Self.path)
        process.arguments = [
            "--config.file=\(config.path)", "--storage.path=\(folder.appendingPathComponent("data").path)",
            "--web.listen-address=127.0.0.1:\(port)", "--cluster.listen-address=",
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            if (try? Helper.run(["/usr/bin/curl", "-sf", "\(base)/-/ready"]).status) == 0 { return }
            Thread.sleep(forTimeInterval: 0.05)
        }
        stop()
        throw AlertmanagerNotReady()
    }

    /// Stops Alertmanager and removes its folder.
    func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: folder)
    }

    /// `count` ports that were free a moment ago.
    static func freePorts(_ count: Int) throws -> [Int] {
        let output = try Helper.run([Helper.python, "-c", """
            import socket
            sockets = [socket.socket() for _ in range(\(count))]
            for s in sockets: s.bind(("127.0.0.1", 0))
            print(" ".join(str(s.getsockname()[1]) for s in sockets))
            """]).output
        return output.split(separator: " ").compactMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    /// The alerts Alertmanager holds (GET /api/v2/alerts), decoded.
    func alerts() throws -> [[String: Any]] {
        let result = try Helper.run(["/usr/bin/curl", "-sf", "\(base)/api/v2/alerts"])
        return (try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [[String: Any]]) ?? []
    }
}

struct AlertmanagerNotReady: Error, CustomStringConvertible {
    var description: String { "Alertmanager did not become ready within 20 s" }
}
