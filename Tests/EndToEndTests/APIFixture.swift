import Foundation
import Testing

/// A configuration for the HTTP API tests: an always-firing canary alert, a recording rule, a goal over
/// `followers` whose period runs around today, a CSV source, and `http:` on a loopback port with a
/// token. The store holds 15 days of follower counts for two networks, one of them named with markup.
struct APIFixture {
    static let token = "api-token-5ecret-71c9"
    static let scriptNetwork = "<script>alert(1)</script>"

    let folder: TemporaryFolder
    /// The configuration's text for a port; `http` replaces the `http:` section.
    let configText: @Sendable (Int) -> String

    /// Writes the rules, the token and the store; `http` is the `http:` section's body for a port.
    init(http: @escaping @Sendable (Int) -> String = APIFixture.httpSection) async throws {
        let folder = try TemporaryFolder()
        self.folder = folder
        try folder.write("api-token", Self.token + "\n")
        try folder.write("rules/api.yml", Self.rules)
        configText = { port in Self.baseConfig + "http:\n" + http(port) }
        let config = try folder.write("ingest.yml", Self.baseConfig)
        let csv = try folder.write("data/followers.csv", Self.history)
        let ingest = try await BinaryRunner.run(["ingest", "--config", config, "--source", "export", csv])
        try #require(ingest.status == 0, "ingest failed: \(ingest.standardError)")
    }

    /// Starts the daemon on this fixture.
    func start(launcher: [String] = [], port: Int? = nil) throws -> APIDaemon {
        try APIDaemon(folder: folder, port: port, launcher: launcher, configText: configText)
    }

    /// `listen` on the port, the token file, a 4 KiB body limit.
    static func httpSection(_ port: Int) -> String {
        "  listen: 127.0.0.1:\(port)\n  token_file: api-token\n  max_body: 4KiB\n"
    }

    static let baseConfig = """
        storage: {path: state/goalwatch.sqlite}
        evaluation: {interval: 1s}
        rule_files: [rules/*.yml]
        sources:
          - name: export
            kind: file
            path: inbox/*.csv
            every: 1h
            lookback: 26h
            csv:
              timestamp: {column: Date, format: yyyy-MM-dd}
              labels: {Network: network}
              metrics: {Followers: followers}

        """

    /// `yyyy-MM-dd` of today plus `days`, in UTC.
    static func day(_ days: Int) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: Date().addingTimeInterval(Double(days) * 86_400))
    }

    static var rules: String {
        """
        groups:
          - name: canary
            rules:
              - alert: CanaryAlwaysFiring
                expr: vector(1) > 0
                labels: {severity: warning}
                annotations: {summary: "the canary fires"}
              - record: followers:total
                expr: sum(followers)
        goals:
          - name: followers_growth
            description: Grow followers 20 % this period
            metric: followers
            target: +20%
            period: {start: \(day(-20)), end: \(day(40))}
        """
    }

    /// Daily counts for the last 15 days on instagram and on the network named with markup.
    static var history: String {
        let rows = (1...15).reversed().flatMap { daysAgo in
            let value = 1000 + (15 - daysAgo) * 10
            return ["\(day(-daysAgo)),instagram,\(value)", "\(day(-daysAgo)),\"\(scriptNetwork)\",\(value * 2)"]
        }
        return "Date,Network,Followers\n" + rows.joined(separator: "\n") + "\n"
    }
}
