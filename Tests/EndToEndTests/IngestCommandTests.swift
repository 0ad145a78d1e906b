import Foundation
import Testing

@Suite("goalwatch ingest and series")
struct IngestCommandTests {
    /// A configuration whose store lives in `folder` and whose one CSV source reads `inbox/*.csv`.
    func configuration(in folder: TemporaryFolder) throws -> String {
        try folder.write("goalwatch.yml", """
        storage:
          path: state/goalwatch.sqlite
        sources:
          - name: export
            kind: file
            path: inbox/*.csv
            labels: {account: acme}
            csv:
              timestamp: {column: Date, format: yyyy-MM-dd}
              labels: {Network: network}
              metrics: {Followers: followers, Impressions: impressions}
        """)
    }

    func storedSeries(config: String) async throws -> [[String: Any]] {
        let result = try await BinaryRunner.run(["series", "--config", config, "--format", "json"])
        try #require(result.status == 0, "series failed: \(result.standardError)")
        return try #require(JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [[String: Any]])
    }

    func totalSamples(config: String) async throws -> Int {
        try await storedSeries(config: config).reduce(0) { $0 + (($1["samples"] as? Int) ?? 0) }
    }

    @Test("the shipped example ingests completely, and a second run counts nothing twice")
    func shippedExample() async throws {
        let folder = try TemporaryFolder()
        let examples = repositoryRoot.appendingPathComponent("examples")
        try FileManager.default.copyItem(at: examples, to: folder.url.appendingPathComponent("examples"))
        let config = folder.url.appendingPathComponent("examples/goalwatch.yml").path
        let inbox = try FileManager.default.contentsOfDirectory(atPath: folder.path + "/examples/inbox").sorted()
        let files = inbox.map { folder.path + "/examples/inbox/" + $0 }

        let first = try await BinaryRunner.run(["ingest", "--config", config] + files)
        #expect(first.status == 0, "stderr: \(first.standardError)")
        #expect(first.standardOutput.components(separatedBy: ": ingested ").count == files.count + 1)
        let samples = try await totalSamples(config: config)
        #expect(samples > 0)

        let second = try await BinaryRunner.run(["ingest", "--config", config] + files)
        #expect(second.status == 0)
        #expect(!second.standardOutput.contains(": ingested "))
        #expect(try await totalSamples(config: config) == samples)
    }

    @Test("series --format json has the documented shape")
    func seriesJSONShape() async throws {
        let folder = try TemporaryFolder()
        let config = try configuration(in: folder)
        let file = try folder.write("inbox/day.csv", "Date,Network,Followers,Impressions\n2026-03-01,instagram,12040,80400\n2026-03-02,instagram,12100,NA\n")
        #expect(try await BinaryRunner.run(["ingest", "--config", config, file]).status == 0)
        let series = try await storedSeries(config: config)
        let followers = try #require(series.first { ($0["name"] as? String) == "followers" })
        #expect(followers["labels"] as? [String: String] == ["account": "acme", "network": "instagram"])
        #expect(followers["samples"] as? Int == 2)
        #expect(followers["first"] as? String == "2026-03-01T00:00:00Z")
        #expect(followers["last"] as? String == "2026-03-02T00:00:00Z")
        #expect(followers["last_value"] as? Double == 12100)
        let impressions = try #require(series.first { ($0["name"] as? String) == "impressions" })
        #expect(impressions["samples"] as? Int == 1)
    }

    @Test("a refused file exits 1, names its file and line, and stores nothing")
    func refusedFile() async throws {
        let folder = try TemporaryFolder()
        let config = try configuration(in: folder)
        let good = try folder.write("inbox/good.csv", "Date,Network,Followers,Impressions\n2026-03-01,instagram,12040,80400\n")
        let bad = try folder.write("inbox/bad.csv", "Date,Network,Followers,Impressions\n2026-03-01,x,1,2\n2026-03-02,x,twelve,2\n")
        let result = try await BinaryRunner.run(["ingest", "--config", config, good, bad])
        #expect(result.status == 1)
        #expect(result.standardError.contains("\(bad):3"), "stderr: \(result.standardError)")
        #expect(result.standardError.contains("twelve"))
        let series = try await storedSeries(config: config)
        #expect(!series.contains { ($0["labels"] as? [String: String])?["network"] == "x" })
        #expect(series.contains { ($0["labels"] as? [String: String])?["network"] == "instagram" })
    }

    @Test("files are stored in the order given: a repeat of an earlier file is recorded, not stored twice, and a later value wins")
    func filesAreStoredInOrder() async throws {
        let folder = try TemporaryFolder()
        let config = try configuration(in: folder)
        let header = "Date,Network,Followers,Impressions\n"
        let first = try folder.write("inbox/a.csv", header + "2026-03-01,instagram,100,1\n")
        let repeated = try folder.write("inbox/b.csv", header + "2026-03-01,instagram,100,1\n")
        let bad = try folder.write("inbox/c.csv", header + "2026-03-01,instagram,twelve,1\n")
        let later = try folder.write("inbox/d.csv", header + "2026-03-01,instagram,150,1\n")

        let result = try await BinaryRunner.run(["ingest", "--config", config, first, repeated, bad, later])

        #expect(result.status == 1)
        let lines = result.standardOutput.split(separator: "\n").map(String.init)
        try #require(lines.count == 3, "stdout: \(result.standardOutput)")
        #expect(lines[0] == "\(first): ingested 2 samples in 2 series")
        #expect(lines[1].hasPrefix("\(repeated): skipped, same content as \(first), ingested at "))
        #expect(lines[2] == "\(later): ingested 2 samples in 2 series")
        #expect(result.standardError.contains("\(bad):2"), "stderr: \(result.standardError)")
        let followers = try #require(try await storedSeries(config: config).first { ($0["name"] as? String) == "followers" })
        #expect(followers["samples"] as? Int == 1)
        #expect(followers["last_value"] as? Double == 150)
    }

    @Test("series --match filters with a PromQL selector and rejects a malformed one")
    func seriesMatch() async throws {
        let folder = try TemporaryFolder()
        let config = try configuration(in: folder)
        let file = try folder.write("inbox/day.csv", "Date,Network,Followers,Impressions\n2026-03-01,instagram,1,2\n2026-03-01,twitter,3,4\n")
        #expect(try await BinaryRunner.run(["ingest", "--config", config, file]).status == 0)
        let result = try await BinaryRunner.run(["series", "--config", config, "--match", #"followers{network=~"insta.*"}"#, "--format", "json"])
        let series = try #require(JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [[String: Any]])
        #expect(series.count == 1)
        #expect((series.first?["labels"] as? [String: String])?["network"] == "instagram")
        let malformed = try await BinaryRunner.run(["series", "--config", config, "--match", "followers{network="])
        #expect(malformed.status == 1)
        #expect(malformed.standardError.contains("column"))
    }

    @Test("unusable arguments are reported, exit 1, without a crash", arguments: [
        (["ingest", "missing.json"], "missing.json: not read: No such file or directory"),
        (["ingest", "plain.csv"], "a CSV file needs a source with a csv: mapping"),
        (["ingest", "--config", "nowhere.yml", "plain.csv"], "nowhere.yml: cannot read the configuration file: no such file"),
        (["ingest", "--source", "nope", "plain.csv"], "expected --source to name a configured source (none configured)"),
    ])
    func unusableArguments(arguments: [String], expected: String) async throws {
        let folder = try TemporaryFolder()
        try folder.write("plain.csv", "a,b\n1,2\n")
        let result = try await BinaryRunner.run(arguments, in: folder.url)
        #expect(result.status == 1)
        #expect(result.standardError.contains(expected), "stderr: \(result.standardError)")
    }
}
