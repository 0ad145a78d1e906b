import Foundation
import Testing

@Suite("ingest survives SIGKILL")
struct IngestKillTests {
    @Test("killed mid-file, the store holds all or none of the file, and the next run ingests it")
    func killMidFile() async throws {
        let folder = try TemporaryFolder()
        let config = try folder.write("goalwatch.yml", """
        storage:
          path: state/goalwatch.sqlite
        """)
        // 400,000 lines × 5 metrics: large enough that the write transaction is open for a while.
        var text = ""
        text.reserveCapacity(40_000_000)
        let start = 1_767_225_600  // 2026-01-01T00:00:00Z
        for row in 0..<400_000 {
            let account = row % 500
            let hour = row / 500
            text += "{\"ts\":\(start + hour * 3600),\"account\":\"a\(account)\",\"followers\":\(1000 + hour),\"impressions\":\(row % 977),\"engagements\":\(row % 31),\"leads\":\(row % 7),\"spend\":\(Double(row % 100) / 4)}\n"
        }
        let file = try folder.write("big.ndjson", text)
        let expected = 400_000 * 5

        let process = Process()
        process.executableURL = BinaryRunner.executable
        process.arguments = ["ingest", "--config", config, file]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait until the store's write-ahead log shows the transaction writing, then kill.
        let wal = folder.path + "/state/goalwatch.sqlite-wal"
        let deadline = Date().addingTimeInterval(120)
        while process.isRunning, Date() < deadline {
            let size = (try? FileManager.default.attributesOfItem(atPath: wal)[.size] as? Int) ?? 0
            if size > 4_000_000 { break }
            try await Task.sleep(for: .milliseconds(2))
        }
        kill(process.processIdentifier, SIGKILL)
        try await BinaryRunner.waitForExit(process)
        #expect(process.terminationReason == .uncaughtSignal, "ingest finished before it could be killed")

        let afterKill = try await samples(config: config)
        #expect(afterKill == 0 || afterKill == expected, "store holds \(afterKill) samples: part of a file")

        let rerun = try await BinaryRunner.run(["ingest", "--config", config, file])
        #expect(rerun.status == 0, "stderr: \(rerun.standardError)")
        #expect(try await samples(config: config) == expected)
    }

    func samples(config: String) async throws -> Int {
        let result = try await BinaryRunner.run(["series", "--config", config, "--format", "json"])
        try #require(result.status == 0, "series failed: \(result.standardError)")
        let series = try #require(JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [[String: Any]])
        return series.reduce(0) { $0 + (($1["samples"] as? Int) ?? 0) }
    }
}
