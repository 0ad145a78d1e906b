import Foundation
import LoopbackHTTP
import Testing

/// The README's live demo, `scripts/demo.sh`, run as a newcomer runs it (less the package install and the
/// release build): its configuration, feeder and webhook sink with the built binary. A SMART goal falls
/// behind and a rule fires, both alerts reach the sink signed, Ctrl-C stops everything, and a second run
/// starts from an empty state folder.
@Suite struct DemoScriptTests {
    /// The demo's files, copied into a fresh folder laid out like the repository, so the test's state
    /// folder (`.state/demo`) is its own.
    private func demoCopy() throws -> TemporaryFolder {
        let root = try TemporaryFolder(prefix: "demo")
        let files = FileManager.default
        try files.createDirectory(at: root.url.appendingPathComponent("scripts"), withIntermediateDirectories: true)
        for script in ["demo.sh", "demo-feeder.py", "demo-sink.py"] {
            try files.copyItem(
                at: repositoryRoot.appendingPathComponent("scripts/\(script)"), to: root.url.appendingPathComponent("scripts/\(script)"))
        }
        try files.createDirectory(at: root.url.appendingPathComponent("examples"), withIntermediateDirectories: true)
        try files.copyItem(
            at: repositoryRoot.appendingPathComponent("examples/demo"), to: root.url.appendingPathComponent("examples/demo"))
        return root
    }

    /// Starts `scripts/demo.sh --binary <built goalwatch>` in `root`, everything it prints going to `log`.
    /// A snapshot every 3 s instead of 5 keeps the test short while each alert's condition still holds
    /// over three 5-second evaluations, as its 10 s `for` needs.
    private func startDemo(in root: TemporaryFolder, log: String) throws -> Process {
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        let output = try #require(FileHandle(forWritingAtPath: log))
        let process = Process()
        // The test's threads block signals, and a child inherits that mask: python3 clears it and sets
        // SIGINT to its default before it becomes bash, so the script's trap sees Ctrl-C as in a terminal.
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", "-c",
            "import os, signal, sys; signal.pthread_sigmask(signal.SIG_SETMASK, []); "
                + "signal.signal(signal.SIGINT, signal.SIG_DFL); os.execvp(sys.argv[1], sys.argv[1:])",
            "bash", root.url.appendingPathComponent("scripts/demo.sh").path, "--binary", BinaryRunner.executable.path,
        ]
        process.environment = ProcessInfo.processInfo.environment
            .merging(["GOALWATCH_DEMO_PORT": "0", "GOALWATCH_DEMO_API_PORT": String(try FreePort.loopback()), "GOALWATCH_DEMO_EVERY": "3"]) { $1 }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = output
        process.standardError = output
        try process.run()
        return process
    }

    private func text(_ log: String) -> String {
        (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
    }

    /// Waits until `condition` holds for the log's text; records an issue with the log when it does not
    /// within `seconds`.
    @discardableResult
    private func until(
        _ description: String, in log: String, within seconds: Double, _ condition: (String) -> Bool
    ) async throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition(text(log)) { return true }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("timed out after \(seconds) s waiting until \(description); the demo printed:\n\(text(log))")
        return false
    }

    /// Stops the demo as Ctrl-C does and returns its exit status.
    private func interrupt(_ demo: Process) async throws -> Int32 {
        kill(demo.processIdentifier, SIGINT)
        return try await BinaryRunner.waitForExit(demo, within: 30)
    }

    @Test func theGoalAndTheRuleFireAndBothAlertsReachTheSinkSignedThenCtrlCStopsEverything() async throws {
        let root = try demoCopy()
        let log = root.url.appendingPathComponent("demo.log").path
        let demo = try startDemo(in: root, log: log)
        defer { if demo.isRunning { kill(demo.processIdentifier, SIGTERM) } }

        let arrived = try await until("both alerts arrived at the sink", in: log, within: 60) { output in
            output.contains("FIRING   GoalBehindPace") && output.contains("FIRING   SlowFirstResponse")
        }
        let output = text(log)
        if arrived {
            let deliveries = output.split(separator: "\n").filter { $0.hasPrefix("sink: ") && $0.contains(" POST /hook: firing notification") }
            #expect(deliveries.count >= 2, "\(output)")
            #expect(deliveries.allSatisfy { $0.contains("; signature ok;") }, "every request verifies against the demo's secret")
            #expect(output.contains("goal behind_pace: value "), "the goal's figures reach the sink")
            #expect(output.contains("examples/demo/goalwatch.yml: OK ("), "the demo configuration checks clean")
            #expect(output.contains("msg=\"alert firing\""), "the daemon logs in logfmt")
        }

        let sinkURL = try String(contentsOfFile: root.url.appendingPathComponent(".state/demo/sink-url").path, encoding: .utf8)
        let port = try #require(sinkURL.split(separator: ":").last?.split(separator: "/").first.flatMap { Int($0) })
        #expect(try await interrupt(demo) == 130)
        let stopped = text(log)
        #expect(stopped.contains("msg=stopped"), "the daemon stops gracefully")
        #expect(stopped.contains("demo: stopped"))
        #expect(!acceptsConnections(port: port), "the sink is gone after Ctrl-C")
    }

    @Test func aSecondRunStartsFromAnEmptyStateFolder() async throws {
        let root = try demoCopy()
        for run in 1...2 {
            let log = root.url.appendingPathComponent("demo-\(run).log").path
            let demo = try startDemo(in: root, log: log)
            defer { if demo.isRunning { kill(demo.processIdentifier, SIGTERM) } }
            // The history file is ingested anew (not "unchanged"), and no alert is restored from a previous run.
            try await until("the daemon started and ingested the history", in: log, within: 30) { output in
                output.contains("restored_alerts=0") && output.contains("inbox/000-history.ndjson samples=42 series=2")
            }
            #expect(try await interrupt(demo) == 130)
        }
    }

    private func acceptsConnections(port: Int) -> Bool {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        return result == 0
    }
}
