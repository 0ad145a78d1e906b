import GoalWatchCore
import GoalWatchIngest
import Testing

@Suite("NDJSON snapshots")
struct NDJSONDecoderTests {
    private func decode(_ text: String, context: DecodeContext = makeContext("feed.ndjson")) throws(InputError) -> SampleBatch {
        try NDJSONSnapshotDecoder().decode(bytes(text), context: context)
    }

    @Test("without declared keys strings are labels, numbers metrics, null a missing sample; blank lines skipped")
    func undeclared() throws {
        let text = """
            {"at": "2026-02-01T00:00:00Z", "network": "instagram", "account": "acme", "followers": 123, "reach": null}

            {"timestamp": 1769904000, "network": "x", "followers": 7.5}\r
            {"ts": "2026-02-01T02:00:00Z", "at": "2026-02-01T03:00:00Z", "network": "x", "followers": 8}
            """
        #expect(try decode(text).flat == [
            FlatSample(#"followers{account="acme", network="instagram"}"#, "2026-02-01T00:00:00Z", 123),
            FlatSample(#"followers{network="x"}"#, "2026-02-01T00:00:00Z", 7.5),
            FlatSample(#"followers{network="x"}"#, "2026-02-01T03:00:00Z", 8),
        ])
    }

    @Test("with declared keys only those count; a declared label may be a number, other keys are ignored")
    func declared() throws {
        let text = """
            {"at": "2026-02-01T00:00:00Z", "account_id": 4711, "name": "Acme", "followers": 10, "debug": {"x": [1, 2]}, "score": 3}
            """
        let context = makeContext("feed.ndjson", constantLabels: ["network": "linkedin"], labelKeys: ["account_id"], metricKeys: ["followers"])
        #expect(try decode(text, context: context).flat == [
            FlatSample(#"followers{account_id="4711", network="linkedin"}"#, "2026-02-01T00:00:00Z", 10),
        ])
    }

    @Test("refusals name the line and column", arguments: [
        ("{\"at\": \"2026-02-01T00:00:00Z\", \"f\": 1}\n{\"at\": \"2026-02-01T00:00:00Z\", \"f\": oops}\n{\"at\": \"2026-02-01T00:00:00Z\", \"f\": 2}\n",
         2, 37, "expected a JSON value, found oops"),
        ("{\"at\": \"2026-02-01T00:00:00Z\", \"f\": 1}\n{\"f\": 2}\n", 2, 0, #"expected a time in "at", "timestamp" or "ts", found none"#),
        ("{\"at\": \"2026-02-01T00:00:00Z\", \"bad key\": \"x\"}\n", 1, 32, "expected a label name"),
        ("{\"at\": \"2026-02-01T00:00:00Z\", \"f\": true}\n", 1, 37, "expected a string (a label) or a number (a metric), found true"),
        ("{\"at\": \"2026-02-01T00:00:00Z\", \"f\": 1}\n{\"at\": \"2026-02-01T00:00:00Z\", \"f\": 1\n", 2, 38, "found the end of the line"),
        ("{\"at\": \"2026-02-01T00:00:00Z\", \"f\": 1}\n{\"at\": \"2026-02-01T00:00:00Z\", \"f\": 1", 2, 38, "found the end of the file (is it truncated?)"),
        ("{\"at\": \"2027-01-01T00:00:00Z\", \"f\": 1}\n", 1, 8, "expected a time no later than 2026-03-01T13:00:00Z"),
        ("[1]\n", 1, 1, "expected a JSON object, found an array"),
        ("{\"at\": \"2026-02-01T00:00:00Z\", \"f\": 1} x\n", 1, 40, "expected nothing after the object, found x"),
        ("\n\n", 1, 0, "expected a JSON object, found only blank lines"),
    ])
    func refusals(text: String, line: Int, column: Int, fragment: String) {
        expectRefusal(file: "feed.ndjson", line: line, column: column, fragment) { () throws(InputError) in try decode(text) }
    }

    @Test("a declared metric key holding a string is refused")
    func declaredMetricString() {
        let context = makeContext("feed.ndjson", metricKeys: ["followers"])
        expectRefusal(file: "feed.ndjson", line: 1, column: 45, #"metric followers: expected a number or null, found "12k""#) {
            () throws(InputError) in try decode(#"{"at": "2026-02-01T00:00:00Z", "followers": "12k"}"#, context: context)
        }
    }
}
