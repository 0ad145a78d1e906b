import GoalWatchCore
import GoalWatchIngest
import Testing

@Suite("Real exports")
struct RealExportTests {
    static let ropensciMetrics = ["followers", "new_followers", "tweets", "tweet_impressions", "profile_visits", "mentions"]

    static let ropensciOptions = CSVOptions(
        timestamp: TimestampColumn(column: "date", format: .pattern("yyyy-MM-dd")),
        metrics: Dictionary(uniqueKeysWithValues: ropensciMetrics.map { ($0, $0) }))

    static let ropensciContext = makeContext(
        "twitter_metrics_monthly_rOpenSci.csv", constantLabels: ["network": "twitter", "account": "ropensci"],
        nonNegative: ["followers", "tweets", "tweet_impressions"])

    @Test("the rOpenSci monthly export decodes with its mapping, NA cells as gaps")
    func ropensciMonthly() throws {
        let batch = try CSVSnapshotDecoder(options: Self.ropensciOptions)
            .decode(try fixture("twitter_metrics_monthly_rOpenSci.csv"), context: Self.ropensciContext)
        // 65 rows × 6 metrics, less 29 NA cells.
        #expect(batch.count == 361)
        #expect(batch.series.count == 6)
        #expect(batch.series.allSatisfy { $0["network"] == "twitter" && $0["account"] == "ropensci" })
        let samples = Set(batch.flat)
        let followers = #"followers{account="ropensci", network="twitter"}"#
        #expect(samples.contains(FlatSample(followers, "2021-06-02T00:00:00Z", 32179)))
        #expect(samples.contains(FlatSample(#"tweet_impressions{account="ropensci", network="twitter"}"#, "2016-02-01T00:00:00Z", 40600)))
        // followers is NA for July 2018 (a gap), present for August.
        #expect(!samples.contains { $0.series == followers && $0.time == "2018-07-01T00:00:00Z" })
        #expect(samples.contains(FlatSample(followers, "2018-09-01T00:00:00Z", 20109)))
        #expect(batch.flat.filter { $0.series == followers }.count == 43)
    }
}
