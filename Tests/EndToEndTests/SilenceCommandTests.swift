import Foundation
import Testing

/// `goalwatch silence add|list|expire` on a real store.
@Suite struct SilenceCommandTests {
    private func config(_ folder: TemporaryFolder) throws -> String {
        try folder.write("goalwatch.yml", "storage:\n  path: state/goalwatch.sqlite\n")
    }

    @Test func addListAndExpire() async throws {
        let folder = try TemporaryFolder()
        let config = try config(folder)
        let added = try await BinaryRunner.run([
            "silence", "add", "--config", config, #"goal="ig-followers""#, #"severity=~"warning|info""#,
            "--duration", "2h", "--comment", "campaign paused", "--author", "ana",
        ])
        #expect(added.status == 0, "\(added.standardError)")
        let id = added.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(UUID(uuidString: id) != nil)

        let listed = try await BinaryRunner.run(["silence", "list", "--config", config, "--format", "json"])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(listed.standardOutput.utf8)) as? [[String: Any]])
        #expect(rows.count == 1)
        #expect(rows.first?["id"] as? String == id)
        #expect(rows.first?["state"] as? String == "active")
        #expect(rows.first?["matchers"] as? [String] == [#"goal="ig-followers""#, #"severity=~"warning|info""#])
        #expect(rows.first?["created_by"] as? String == "ana")

        let expired = try await BinaryRunner.run(["silence", "expire", "--config", config, id, "--format", "json"])
        #expect(expired.status == 0 && expired.standardOutput == #"[{"expired":true,"id":"\#(id)"}]"# + "\n")
        let after = try await BinaryRunner.run(["silence", "list", "--config", config, "--format", "json"])
        #expect(after.standardOutput == "[]\n")
        let all = try await BinaryRunner.run(["silence", "list", "--config", config, "--expired"])
        #expect(all.standardOutput.contains(id) && all.standardOutput.contains("expired"))

        let again = try await BinaryRunner.run(["silence", "expire", "--config", config, id])
        #expect(again.status == 1 && again.standardError.contains("silence \(id) already expired at "))
        let againAsJSON = try await BinaryRunner.run(["silence", "expire", "--config", config, id, "--format", "json"])
        let results = try #require(try JSONSerialization.jsonObject(with: Data(againAsJSON.standardOutput.utf8)) as? [[String: Any]])
        #expect(againAsJSON.status == 1)
        #expect(results.first?["id"] as? String == id && results.first?["expired"] as? Bool == false)
        #expect((results.first?["error"] as? String)?.contains("already expired") == true)
    }

    @Test func badSilencesAreRefusedWithTheReason() async throws {
        let folder = try TemporaryFolder()
        let config = try config(folder)
        let badMatcher = try await BinaryRunner.run(["silence", "add", "--config", config, "goal=~\"(\"", "--comment", "x"])
        #expect(badMatcher.status == 1 && badMatcher.standardError.hasPrefix("matcher goal=~\"(\": "))
        let matchesEverything = try await BinaryRunner.run(["silence", "add", "--config", config, #"goal=~".*""#, "--comment", "x"])
        #expect(matchesEverything.status == 1 && matchesEverything.standardError.contains("does not match the empty string"))
        let backwards = try await BinaryRunner.run([
            "silence", "add", "--config", config, #"goal="ig""#, "--comment", "x", "--start", "now+2h", "--end", "now+1h",
        ])
        #expect(backwards.status == 1 && backwards.standardError.contains("must end after it starts"))
        let noComment = try await BinaryRunner.run(["silence", "add", "--config", config, #"goal="ig""#])
        #expect(noComment.status == 2)
        let unknown = try await BinaryRunner.run(["silence", "expire", "--config", config, "nope"])
        #expect(unknown.status == 1 && unknown.standardError == "no silence has the id nope\n")
        #expect(try await BinaryRunner.run(["silence", "list", "--config", config, "--format", "json"]).standardOutput == "[]\n")
    }
}
