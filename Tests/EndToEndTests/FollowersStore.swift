import Foundation
import Testing

/// A folder with a configuration whose one source reads daily follower counts per network from
/// `inbox/*.csv` (`Date,Network,Followers`), and a store filled from `csv` through `goalwatch ingest`.
struct FollowersStore {
    let folder: TemporaryFolder
    let config: String

    /// - Parameter extra: top-level configuration lines added after `storage` (`rule_files: […]`).
    init(csv: String, extra: String = "") async throws {
        folder = try TemporaryFolder()
        config = try folder.write("goalwatch.yml", """
        storage: {path: state/goalwatch.sqlite}
        \(extra)
        sources:
          - name: export
            kind: file
            path: inbox/*.csv
            lookback: 26h
            csv:
              timestamp: {column: Date, format: yyyy-MM-dd}
              labels: {Network: network}
              metrics: {Followers: followers}
        """)
        let file = try folder.write("inbox/followers.csv", "Date,Network,Followers\n" + csv)
        let ingest = try await BinaryRunner.run(["ingest", "--config", config, file])
        try #require(ingest.status == 0, "ingest failed: \(ingest.standardError)")
    }
}
