import GoalWatchCore
import GoalWatchIngest
import Testing

@Suite("JSON snapshots")
struct JSONDecoderTests {
    private func decode(_ text: String, context: DecodeContext = makeContext("snap.json")) throws(InputError) -> SampleBatch {
        try JSONSnapshotDecoder().decode(bytes(text), context: context)
    }

    @Test("version 1 with taken_at, a per-entry at, null metrics and constant labels")
    func version1() throws {
        let text = """
            {"version": 1, "taken_at": "2026-03-01T00:00:00Z", "source": "care-api",
             "series": [
               {"labels": {"network": "instagram", "account": "acme"}, "metrics": {"followers": 12040, "impressions": 80400}},
               {"labels": {"network": "x", "account": ""}, "metrics": {"followers": null, "first_response_minutes": 42.5},
                "at": "2026-02-28T12:00:00+01:00"}
             ]}
            """
        let batch = try decode(text, context: makeContext("snap.json", constantLabels: ["team": "social", "network": "default"]))
        #expect(batch.flat == [
            FlatSample(#"followers{account="acme", network="instagram", team="social"}"#, "2026-03-01T00:00:00Z", 12040),
            FlatSample(#"impressions{account="acme", network="instagram", team="social"}"#, "2026-03-01T00:00:00Z", 80400),
            FlatSample(#"first_response_minutes{network="x", team="social"}"#, "2026-02-28T11:00:00Z", 42.5),
        ])
    }

    @Test("keys may come in any order and strings may hold escapes")
    func orderAndEscapes() throws {
        let text = #"{"series": [{"metrics": {"leads": 3}, "labels": {"campaign": "spring \"sale\" \u00e9\ud83d\ude00"}}], "taken_at": "2026-02-01", "version": 1}"#
        #expect(try decode(text).flat == [FlatSample(#"leads{campaign="spring \"sale\" é😀"}"#, "2026-02-01T00:00:00Z", 3)])
    }

    @Test("an empty series list is an empty batch")
    func emptySeries() throws {
        #expect(try decode(#"{"version": 1, "taken_at": "2026-02-01T00:00:00Z", "series": []}"#).isEmpty)
    }

    @Test("refusals name the line and column of the offending key or value", arguments: [
        (#"{"version": 2, "series": []}"#, 1, 13, "expected version 1 (the versions this GoalWatch reads), found 2"),
        ("{\"version\": 1,\n \"serie\": []}", 2, 2, #"expected one of "version", "taken_at", "source", "series", found "serie""#),
        ("{\"version\": 1, \"taken_at\": \"2026-02-01T00:00:00Z\", \"series\": [\n  {\"metrics\": {\"f\": \"12k\"}}]}", 2, 21, #"expected a number or null for metric f, found "12k""#),
        ("{\"version\": 1, \"series\": [\n  {\"metrics\": {\"f\": 1}}]}", 2, 3, #"expected "at" in the series entry or "taken_at" in the snapshot"#),
        (#"{"version": 1, "taken_at": "2026-02-30T00:00:00Z", "series": []}"#, 1, 28, #""taken_at": expected a real calendar date"#),
        (#"{"version": 1, "taken_at": "2026-02-01T00:00:00Z", "series": [{"metrics": {"f": NaN}}]}"#, 1, 81, "found NaN"),
        (#"{"version": 1, "taken_at": "2026-02-01T00:00:00Z", "series": [{"metrics": {"f": 1e999}}]}"#, 1, 81, "expected a finite number, found 1e999"),
        (#"{"version": 1, "taken_at": "2026-02-01T00:00:00Z", "series": [{"labels": {"bad-name": "x"}}]}"#, 1, 75, "expected a label name"),
        (#"{"version": 1, "series": [{"at": "2026-02-01T00:00:00Z", "extra": 1}]}"#, 1, 58, #"expected one of "labels", "metrics", "at", found "extra""#),
        (#"{"version": 1, "version": 1, "series": []}"#, 1, 16, "expected each key once"),
        (#"{"version": 1, "series": []} {}"#, 1, 30, "expected nothing after the snapshot object"),
        (#"{"version": 1, "series": [],}"#, 1, 29, "expected a key in double quotes, found '}'"),
        (#"{"series": []}"#, 1, 1, #"expected a "version" key"#),
        (#"[1, 2]"#, 1, 1, "expected a JSON object (a GoalWatch snapshot), found an array"),
        (#"{"version": 01, "series": []}"#, 1, 13, "expected a JSON number"),
    ] as [(String, Int, Int, String)])
    func refusals(text: String, line: Int, column: Int, fragment: String) {
        expectRefusal(file: "snap.json", line: line, column: column, fragment) { () throws(InputError) in try decode(text) }
    }

    @Test("a negative value of a non-negative metric is refused at the value")
    func negative() {
        let text = #"{"version": 1, "taken_at": "2026-02-01T00:00:00Z", "series": [{"metrics": {"followers": -5}}]}"#
        expectRefusal(file: "snap.json", line: 1, column: 89, "expected a value of 0 or more for followers, which cannot be negative, found -5") {
            () throws(InputError) in try decode(text, context: makeContext("snap.json", nonNegative: ["followers"]))
        }
    }

    @Test("a truncated document is refused at its end")
    func truncated() {
        let text = "{\"version\": 1, \"taken_at\": \"2026-02-01T00:00:00Z\",\n \"series\": [{\"metrics\": {\"f\": 1}"
        expectRefusal(file: "snap.json", line: 2, column: 33, "found the end of the file (is it truncated?)") {
            () throws(InputError) in try decode(text)
        }
    }
}
