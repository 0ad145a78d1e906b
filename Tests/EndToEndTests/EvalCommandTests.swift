import Foundation
import Testing

@Suite("goalwatch eval")
struct EvalCommandTests {
    /// A store with followers of two networks on two days, through the real ingest path.
    func storeWithFollowers() async throws -> FollowersStore {
        try await FollowersStore(csv: "2026-03-01,instagram,1000\n2026-03-01,facebook,400\n2026-03-02,instagram,1100\n2026-03-02,facebook,380\n")
    }

    @Test("a vector result prints as JSON in the documented shape, using the source's lookback")
    func vectorJSON() async throws {
        let store = try await storeWithFollowers()
        // 20 hours after the last daily sample: outside the 5m default, inside the source's 26h.
        let result = try await BinaryRunner.run(["eval", "--config", store.config, "--at", "2026-03-02T20:00:00Z", "--format", "json",
                                           "followers / on (network) (followers offset 1d) - 1"])
        #expect(result.status == 0, "stderr: \(result.standardError)")
        let rows = try #require(JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [[String: Any]])
        let byNetwork = Dictionary(uniqueKeysWithValues: rows.map { (($0["labels"] as? [String: String])?["network"] ?? "", $0) })
        #expect(byNetwork.count == 2)
        #expect(abs((byNetwork["instagram"]?["value"] as? Double ?? 0) - 0.1) < 1e-12)
        #expect(abs((byNetwork["facebook"]?["value"] as? Double ?? 0) + 0.05) < 1e-12)
        #expect(byNetwork["instagram"]?["timestamp"] as? String == "2026-03-02T20:00:00Z")
    }

    @Test("a broken expression exits 1 and points at the offending column")
    func brokenExpression() async throws {
        let store = try await storeWithFollowers()
        let result = try await BinaryRunner.run(["eval", "--config", store.config, "sum(followers) by"])
        #expect(result.status == 1)
        #expect(result.standardError.contains("invalid expression"))
        #expect(result.standardError.contains("sum(followers) by\n"), "stderr: \(result.standardError)")
    }

    @Test("a scalar prints alone; division by zero is +Inf, not a crash")
    func scalar() async throws {
        let store = try await storeWithFollowers()
        let result = try await BinaryRunner.run(["eval", "--config", store.config, "--format", "json", "1 / 0"])
        #expect(result.status == 0)
        #expect(result.standardOutput.contains(#""value":"+Inf""#))
        #expect(try await BinaryRunner.run(["eval", "--config", store.config, "--at", "yesterday", "1"]).status == 1)
    }
}
