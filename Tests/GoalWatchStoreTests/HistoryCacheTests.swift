import GoalWatchCore
import GoalWatchStore
import Testing

/// The daemon's in-memory history: after the first load it follows the store through its sample
/// changes, and holds exactly what loading the same windows from the store would give.
@Suite struct HistoryCacheTests {
    let directory: TemporaryDirectory
    let store: MetricStore
    let lookback = TimeSpan(milliseconds: 5 * 60_000)
    static let hour: Int64 = 3_600_000

    init() throws {
        directory = try TemporaryDirectory()
        store = try MetricStore(path: directory.path("goalwatch.sqlite"))
    }

    /// `followers{network="instagram"}[2h]` and `spend` (instant) evaluated at `hours` hours.
    func windows(at hours: Int64) throws -> [SelectorWindow] {
        let time = Timestamp(milliseconds: hours * Self.hour)
        return [
            SelectorWindow(name: "followers", matchers: [try LabelMatcher(name: "network", kind: .equal, value: "instagram")],
                           start: Timestamp(milliseconds: time.milliseconds - 2 * Self.hour), end: time),
            SelectorWindow(name: "spend", matchers: [], start: time, end: time),
        ]
    }

    /// What the store gives for the same windows, loaded afresh, as comparable values.
    func fromStore(_ windows: [SelectorWindow]) throws -> [Labels: [Int64]] {
        var set = SeriesSet()
        let reaching = windows.map { SelectorWindow(name: $0.name, matchers: $0.matchers, start: $0.start, end: Timestamp(milliseconds: .max)) }
        try store.loadHistory(reaching, defaultLookback: lookback, into: &set)
        return contents(set, from: windows.map(\.start).min()!.milliseconds - lookback.milliseconds)
    }

    /// Each series' sample times from `from` on (older ones may still be held until trimmed).
    func contents(_ set: SeriesSet, from: Int64) -> [Labels: [Int64]] {
        var result: [Labels: [Int64]] = [:]
        for series in set.series {
            let times = series.timestamps.filter { $0 > from }
            if !times.isEmpty { result[series.labels] = times }
        }
        return result
    }

    func hourly(_ labels: Labels, hours: ClosedRange<Int64>) -> [(Labels, Int64, Double)] {
        hours.map { (labels, $0 * Self.hour, Double($0)) }
    }

    @Test func aSnapshotWrittenAfterTheFirstLoadIsReadWithoutLoadingEverythingAgain() throws {
        let instagram = series("followers", ["network": "instagram", "account": "cafe"])
        let tiktok = series("followers", ["network": "tiktok", "account": "cafe"])
        try store.apply(batch(hourly(instagram, hours: 0...10) + hourly(tiktok, hours: 0...10)), source: nil, lookback: nil, ledger: nil)
        var cache = HistoryCache()
        let first = try cache.refresh(windows(at: 10), defaultLookback: lookback, from: store)
        #expect(contents(first, from: 8 * Self.hour - lookback.milliseconds) == (try fromStore(windows(at: 10))))
        #expect(first.series.map(\.labels) == [instagram], "the tiktok series is not read by any window")

        // A later snapshot: new hours for a known series, a series that appears, and one no window reads.
        let berlin = series("followers", ["network": "instagram", "account": "berlin"])
        let spend = series("spend", ["account": "cafe"])
        try store.apply(
            batch(hourly(instagram, hours: 11...12) + hourly(berlin, hours: 9...12) + hourly(tiktok, hours: 11...12) + hourly(spend, hours: 12...12)),
            source: nil, lookback: nil, ledger: nil)
        let second = try cache.refresh(windows(at: 12), defaultLookback: lookback, from: store)
        #expect(cache.fullLoads == 1)
        #expect(contents(second, from: 10 * Self.hour - lookback.milliseconds) == (try fromStore(windows(at: 12))))
        #expect(!second.series.contains { $0.labels == tiktok })
    }

    @Test func anotherProcessesSnapshotIsSeenToo() throws {
        let instagram = series("followers", ["network": "instagram"])
        try store.apply(batch(hourly(instagram, hours: 0...10)), source: nil, lookback: nil, ledger: nil)
        var cache = HistoryCache()
        _ = try cache.refresh(windows(at: 10), defaultLookback: lookback, from: store)
        let other = try MetricStore(path: directory.path("goalwatch.sqlite"))
        try other.apply(batch([(instagram, 11 * Self.hour, 99), (instagram, 9 * Self.hour, 42)]), source: nil, lookback: nil, ledger: nil)
        let refreshed = try cache.refresh(windows(at: 11), defaultLookback: lookback, from: store)
        let held = try #require(refreshed.series.first { $0.labels == instagram })
        #expect(held.values.suffix(3) == [42, 10, 99], "a corrected past value and a new one, in time order")
        #expect(cache.fullLoads == 1)
    }

    @Test func samplesNoWindowReachesAreDroppedAsTimeMovesOn() throws {
        let instagram = series("followers", ["network": "instagram"])
        try store.apply(batch(hourly(instagram, hours: 0...20)), source: nil, lookback: nil, ledger: nil)
        var cache = HistoryCache()
        _ = try cache.refresh(windows(at: 10), defaultLookback: lookback, from: store)
        let later = try cache.refresh(windows(at: 20), defaultLookback: lookback, from: store)
        let held = try #require(later.series.first { $0.labels == instagram })
        #expect(held.timestamps.first == 18 * Self.hour, "only the 2 hours the range reaches, and their lookback")
        #expect(held.timestamps.last == 20 * Self.hour)
    }

    @Test func aWindowReachingFurtherBackThanWhatIsHeldLoadsAgain() throws {
        let instagram = series("followers", ["network": "instagram"])
        try store.apply(batch(hourly(instagram, hours: 0...20)), source: nil, lookback: nil, ledger: nil)
        var cache = HistoryCache()
        _ = try cache.refresh(windows(at: 20), defaultLookback: lookback, from: store)
        let earlier = try cache.refresh(windows(at: 5), defaultLookback: lookback, from: store)
        #expect(cache.fullLoads == 2)
        #expect(contents(earlier, from: 3 * Self.hour - lookback.milliseconds) == (try fromStore(windows(at: 5))))
        cache.invalidate()
        _ = try cache.refresh(windows(at: 5), defaultLookback: lookback, from: store)
        #expect(cache.fullLoads == 3, "after invalidate() everything is loaded again")
    }

    @Test func whatAnEvaluationAppendsDoesNotStayInTheCache() throws {
        let instagram = series("followers", ["network": "instagram"])
        try store.apply(batch(hourly(instagram, hours: 0...10)), source: nil, lookback: nil, ledger: nil)
        var cache = HistoryCache()
        var evaluated = try cache.refresh(windows(at: 10), defaultLookback: lookback, from: store)
        evaluated.append(series("followers:recorded"), at: Timestamp(milliseconds: 10 * Self.hour), value: 1)
        let next = try cache.refresh(windows(at: 10), defaultLookback: lookback, from: store)
        #expect(next.series.map(\.labels) == [instagram])
    }

    /// ``windows(at:)`` and `account:followers:ratio[3h]`.
    func windowsReadingRecorded(at hours: Int64) throws -> [SelectorWindow] {
        let time = Timestamp(milliseconds: hours * Self.hour)
        return try windows(at: hours) + [
            SelectorWindow(name: "account:followers:ratio", matchers: [], start: Timestamp(milliseconds: time.milliseconds - 3 * Self.hour), end: time)
        ]
    }

    @Test func derivedSeriesHandedBackKeepTheirHistoryUntilTheRulesAreReloaded() throws {
        let instagram = series("followers", ["network": "instagram"])
        let recorded = series("account:followers:ratio")
        let unread = series("account:followers:unread")
        try store.apply(batch(hourly(instagram, hours: 0...20)), source: nil, lookback: nil, ledger: nil)
        var cache = HistoryCache()
        for hour in Int64(10)...12 {
            var evaluated = try cache.refresh(windowsReadingRecorded(at: hour), defaultLookback: lookback, from: store)
            evaluated.append(unread, at: Timestamp(milliseconds: hour * Self.hour), value: Double(hour))
            evaluated.append(recorded, at: Timestamp(milliseconds: hour * Self.hour), value: Double(hour))
            // A derived sample for a stored series' labels is the store's business, not the cache's.
            evaluated.append(instagram, at: Timestamp(milliseconds: hour * Self.hour + 1), value: -1)
            cache.keepDerived(from: evaluated)
        }
        var next = try cache.refresh(windowsReadingRecorded(at: 12), defaultLookback: lookback, from: store)
        #expect(next.series.first { $0.labels == recorded }?.values == [10, 11, 12])
        #expect(next.series.first { $0.labels == instagram }?.values.contains(-1) == false)
        #expect(!next.series.contains { $0.labels == unread }, "no selector reads it, so it is not kept")

        // Loading everything again (a window reaching further back) keeps them; reloading the rules does not.
        next = try cache.refresh(windows(at: 5) + windowsReadingRecorded(at: 12), defaultLookback: lookback, from: store)
        #expect(cache.fullLoads == 2)
        #expect(next.series.first { $0.labels == recorded }?.values == [10, 11, 12])
        cache.invalidate()
        next = try cache.refresh(windowsReadingRecorded(at: 12), defaultLookback: lookback, from: store)
        #expect(!next.series.contains { $0.labels == recorded })
    }

    @Test func eachSeriesKeepsOnlyWhatTheSelectorsReadingItReach() throws {
        let instagram = series("followers", ["network": "instagram"])
        let cafeSpend = series("spend", ["account": "cafe"])
        try store.apply(batch(hourly(instagram, hours: 0...30) + hourly(cafeSpend, hours: 0...30)), source: nil, lookback: nil, ledger: nil)
        var cache = HistoryCache()
        // A goal-like window over a day of followers beside the instant `spend` of windows(at:).
        let day = SelectorWindow(name: "followers", matchers: [], start: Timestamp(milliseconds: 6 * Self.hour), end: Timestamp(milliseconds: 30 * Self.hour))
        var held = try cache.refresh(windows(at: 30) + [day], defaultLookback: lookback, from: store)
        for hour in Int64(31)...34 {
            try store.apply(batch([(instagram, hour * Self.hour, 1), (cafeSpend, hour * Self.hour, 1)]), source: nil, lookback: nil, ledger: nil)
            let moved = SelectorWindow(name: "followers", matchers: [], start: Timestamp(milliseconds: (hour - 24) * Self.hour), end: Timestamp(milliseconds: hour * Self.hour))
            held = try cache.refresh(windows(at: hour) + [moved], defaultLookback: lookback, from: store)
        }
        #expect(held.series.first { $0.labels == instagram }?.timestamps.first == 10 * Self.hour, "the day the goal window reaches")
        #expect(held.series.first { $0.labels == cafeSpend }?.timestamps == [34 * Self.hour], "only the instant and its lookback")
        #expect(cache.fullLoads == 1)
        #expect(cache.sampleCount == 26)
    }

    @Test func seriesWhoseSamplesAllAgedOutLeaveTheSet() throws {
        var cache = HistoryCache()
        // Accounts come and go: each hour a new account's spend, read by the instant `spend` selector.
        for hour in Int64(0)..<40 {
            try store.apply(batch([(series("spend", ["account": "a\(hour)"]), hour * Self.hour, 1)]), source: nil, lookback: nil, ledger: nil)
            let held = try cache.refresh(windows(at: hour), defaultLookback: lookback, from: store)
            #expect(held.count <= 8, "hour \(hour): \(held.count) series held")
        }
        #expect(cache.sampleCount == 1)
    }

    @Test func theStoreListsEachSeriesAndSpanASnapshotWrote() throws {
        let instagram = series("followers", ["network": "instagram"])
        let start = try store.sampleChangeCursor()
        try store.apply(batch(hourly(instagram, hours: 3...5)), source: "sprout", lookback: nil, ledger: nil)
        try store.apply(batch(hourly(instagram, hours: 3...5)), source: "sprout", lookback: nil, ledger: nil)
        let changes = try #require(try store.sampleChanges(after: start))
        #expect(changes.changes.count == 1, "the second, identical snapshot wrote nothing")
        #expect(changes.changes.first?.series.labels == instagram)
        #expect(changes.changes.first?.first.milliseconds == 3 * Self.hour)
        #expect(changes.changes.first?.last.milliseconds == 5 * Self.hour)
        #expect(try store.sampleChanges(after: changes.cursor)?.changes.isEmpty == true)
        #expect(changes.cursor == (try store.sampleChangeCursor()))
    }
}
