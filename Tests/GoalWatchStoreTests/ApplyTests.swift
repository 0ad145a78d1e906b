import GoalWatchCore
import GoalWatchStore
import Testing

@Suite("Applying snapshots")
struct ApplyTests {
    let directory: TemporaryDirectory
    let store: MetricStore

    init() throws {
        directory = try TemporaryDirectory()
        store = try MetricStore(path: directory.path("history.sqlite"))
    }

    @Test("apply stores series and samples that read back exactly")
    func appliedSamplesReadBack() throws {
        let followers = series("followers", ["network": "instagram", "account": "acme"])
        let impressions = series("impressions", ["network": "instagram", "account": "acme"])
        let outcome = try store.apply(
            batch([(followers, 1_000, 12_040), (impressions, 1_000, 80_400.5), (followers, 2_000, 12_100)]),
            source: "exports", lookback: .hours(2), ledger: nil)

        #expect(outcome == ApplyOutcome(samplesWritten: 3, samplesUnchanged: 0, seriesCreated: 2))
        let stored = try #require(try store.onlySeries(named: "followers"))
        #expect(stored.labels == followers)
        #expect(stored.source == "exports")
        #expect(stored.lookback == .hours(2))
        #expect(try store.allSamples(of: stored.id) == [Sample(1_000, 12_040), Sample(2_000, 12_100)])
        let other = try #require(try store.onlySeries(named: "impressions"))
        #expect(try store.allSamples(of: other.id) == [Sample(1_000, 80_400.5)])
        #expect(try store.series(named: nil).map(\.labels).sorted() == [followers, impressions].sorted())
    }

    @Test(
        "label values with any character round-trip",
        arguments: [
            "plain", "with \"quotes\"", "comma, and = sign", "line\nbreak", "back\\slash \\\" \\n",
            "\",\"=\"", "emoji 📈 und Umlaute äöü", "tab\tand\r\ncarriage return", "{}[]'`",
        ])
    func awkwardLabelValuesRoundTrip(value: String) throws {
        let labels = series("followers", ["account": value, "campaign": "q1"])
        try store.apply(batch([(labels, 1, 1)]), source: nil, lookback: nil, ledger: nil)

        let stored = try #require(try store.onlySeries(named: "followers"))
        #expect(stored.labels == labels)
        // Scalar by scalar: String equality would accept a differently normalised value.
        #expect(stored.labels["account"]?.unicodeScalars.elementsEqual(value.unicodeScalars) == true)
    }

    @Test("label sets that differ only in Unicode normalisation are one series")
    func canonicallyEquivalentLabelsAreOneSeries() throws {
        let composed = series("followers", ["account": "caf\u{E9}"])
        let decomposed = series("followers", ["account": "cafe\u{301}"])
        try store.apply(batch([(composed, 1, 1)]), source: nil, lookback: nil, ledger: nil)
        let outcome = try store.apply(batch([(decomposed, 2, 2)]), source: nil, lookback: nil, ledger: nil)

        #expect(outcome.seriesCreated == 0)
        let stored = try #require(try store.onlySeries(named: "followers"))
        #expect(stored.labels == composed)
        #expect(try store.allSamples(of: stored.id) == [Sample(1, 1), Sample(2, 2)])
    }

    @Test("a later apply overwrites a sample at the same series and timestamp")
    func lastWriteWinsAcrossApplies() throws {
        let followers = series("followers")
        try store.apply(batch([(followers, 1, 10), (followers, 2, 20)]), source: nil, lookback: nil, ledger: nil)
        let outcome = try store.apply(
            batch([(followers, 1, 10), (followers, 2, 21), (followers, 3, 30)]), source: nil, lookback: nil, ledger: nil)

        #expect(outcome == ApplyOutcome(samplesWritten: 2, samplesUnchanged: 1, seriesCreated: 0))
        let stored = try #require(try store.onlySeries(named: "followers"))
        #expect(try store.allSamples(of: stored.id) == [Sample(1, 10), Sample(2, 21), Sample(3, 30)])
    }

    @Test("within one batch the later sample at the same timestamp wins, in any row order")
    func lastWriteWinsWithinBatch() throws {
        let followers = series("followers")
        let outcome = try store.apply(
            batch([(followers, 3, 30), (followers, 1, 10), (followers, 3, 31), (followers, 2, 20), (followers, 1, 11)]),
            source: nil, lookback: nil, ledger: nil)

        #expect(outcome.samplesWritten == 3)
        let stored = try #require(try store.onlySeries(named: "followers"))
        #expect(try store.allSamples(of: stored.id) == [Sample(1, 11), Sample(2, 20), Sample(3, 31)])
    }

    @Test("source and lookback follow the newest apply, and an unstated one keeps the recorded value")
    func sourceAndLookbackNewestWins() throws {
        let followers = series("followers")
        let leads = series("leads")
        try store.apply(batch([(followers, 1, 1), (leads, 1, 1)]), source: "csv", lookback: .hours(1), ledger: nil)
        try store.apply(batch([(followers, 2, 2)]), source: "api", lookback: .days(1), ledger: nil)
        try store.apply(batch([(leads, 2, 2)]), source: nil, lookback: nil, ledger: nil)

        let storedFollowers = try #require(try store.onlySeries(named: "followers"))
        #expect(storedFollowers.source == "api")
        #expect(storedFollowers.lookback == .days(1))
        let storedLeads = try #require(try store.onlySeries(named: "leads"))
        #expect(storedLeads.source == "csv")
        #expect(storedLeads.lookback == .hours(1))
    }

    @Test("a large batch spanning many statements is stored completely")
    func largeBatchIsStoredCompletely() throws {
        var large = SampleBatch()
        for account in 0..<37 {
            let labels = series("impressions", ["account": "a\(account)"])
            // Newest first, as some exports are, and not a multiple of any statement size.
            for hour in stride(from: 130, through: 0, by: -1) {
                large.append(labels, timestamp: Int64(hour) * 3_600_000, value: Double(account * 1_000 + hour))
            }
        }
        let outcome = try store.apply(large, source: nil, lookback: nil, ledger: nil)

        #expect(outcome == ApplyOutcome(samplesWritten: 37 * 131, samplesUnchanged: 0, seriesCreated: 37))
        let stored = try store.series(named: "impressions")
        let read = try store.samples(of: stored.map(\.id), after: Timestamp(milliseconds: -1), through: Timestamp(milliseconds: .max))
        for entry in stored {
            let account = try #require(entry.labels["account"].flatMap { Int($0.dropFirst()) })
            let expected = (0...130).map { Sample(Int64($0) * 3_600_000, Double(account * 1_000 + $0)) }
            #expect(read[entry.id] == expected)
        }
    }

    @Test("a snapshot overlapping stored samples writes only the new and changed ones")
    func overlappingSnapshotWritesOnlyDifferences() throws {
        let accounts = (0..<30).map { series("followers", ["account": "a\($0)"]) }
        var first = SampleBatch()
        for labels in accounts {
            for hour in stride(from: 0, to: 200, by: 2) { first.append(labels, timestamp: Int64(hour), value: Double(hour)) }
        }
        try store.apply(first, source: nil, lookback: nil, ledger: nil)

        // Every series: the even hours again (one of them changed), plus the odd hours in between.
        var second = SampleBatch()
        for labels in accounts {
            for hour in 0..<200 { second.append(labels, timestamp: Int64(hour), value: hour == 100 ? -1 : Double(hour)) }
        }
        let outcome = try store.apply(second, source: nil, lookback: nil, ledger: nil)

        #expect(outcome == ApplyOutcome(samplesWritten: 30 * 101, samplesUnchanged: 30 * 99, seriesCreated: 0))
        let ids = try store.series(named: "followers").map(\.id)
        let read = try store.samples(of: ids, after: Timestamp(milliseconds: -1), through: Timestamp(milliseconds: 1_000))
        let expected = (0..<200).map { Sample(Int64($0), $0 == 100 ? -1 : Double($0)) }
        for id in ids { #expect(read[id] == expected) }
    }
}
