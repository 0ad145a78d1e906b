import GoalWatchCore
import GoalWatchStore
import Testing

/// Which stored series a selector window loads: the same as comparing every series of its name with
/// every matcher, whichever matchers narrow the search.
@Suite struct LoadHistoryTests {
    @Test(arguments: [
        (#"account="a2""#, ["a2/instagram", "a2/tiktok"]),
        (#"account="a2", network="tiktok""#, ["a2/tiktok"]),
        (#"account="a9""#, []),
        (#"account=~"a[12]", network!="tiktok""#, ["a1/instagram", "a2/instagram"]),
        (#"campaign="""#, ["a1/instagram", "a1/tiktok", "a2/instagram", "a2/tiktok"]),
        (#"campaign="spring""#, []),
    ])
    func aWindowLoadsExactlyTheSeriesItsMatchersSelect(selector: String, expected: [String]) throws {
        let directory = try TemporaryDirectory()
        let store = try MetricStore(path: directory.path("goalwatch.sqlite"))
        var samples: [(Labels, Int64, Double)] = []
        for account in ["a1", "a2"] {
            for network in ["instagram", "tiktok"] {
                samples.append((series("followers", ["account": account, "network": network]), 1_000, 1))
            }
        }
        samples.append((series("impressions", ["account": "a2", "network": "tiktok"]), 1_000, 1))
        try store.apply(batch(samples), source: nil, lookback: nil, ledger: nil)

        let matchers = try selector.split(separator: ", ").map { part -> LabelMatcher in
            let kinds: [(String, LabelMatcher.Kind)] = [("=~", .matchesRegex), ("!=", .notEqual), ("=", .equal)]
            let (text, kind) = kinds.first { part.contains($0.0) }!
            let pieces = part.components(separatedBy: text)
            return try LabelMatcher(name: pieces[0], kind: kind, value: String(pieces[1].dropFirst().dropLast()))
        }
        var set = SeriesSet()
        try store.loadHistory(
            [SelectorWindow(name: "followers", matchers: matchers, start: Timestamp(milliseconds: 0), end: Timestamp(milliseconds: 2_000))],
            defaultLookback: TimeSpan(milliseconds: 0), into: &set)
        let loaded = set.series.map { "\($0.labels["account"] ?? "")/\($0.labels["network"] ?? "")" }.sorted()
        #expect(loaded == expected)
    }
}
