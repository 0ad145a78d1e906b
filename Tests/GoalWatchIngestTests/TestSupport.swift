import Foundation
import GoalWatchCore
import GoalWatchIngest
import Testing

/// One decoded sample in a form tests can compare: the series in Prometheus' text form, the time in
/// RFC 3339, the value.
struct FlatSample: Hashable, CustomStringConvertible {
    let series: String
    let time: String
    let value: Double

    init(_ series: String, _ time: String, _ value: Double) {
        self.series = series
        self.time = time
        self.value = value
    }

    var description: String { "\(series) @\(time) = \(value)" }
}

extension SampleBatch {
    /// Every sample, in batch order.
    var flat: [FlatSample] {
        (0..<count).map { index in
            FlatSample(
                series[Int(seriesIndex[index])].description,
                Timestamp(milliseconds: timestamps[index]).rfc3339,
                values[index])
        }
    }
}

/// Fixed clock for every test: 2026-03-01T12:00:00Z.
let testNow = Timestamp(milliseconds: 1_772_366_400_000)

func makeContext(
    _ name: String = "export.csv",
    limits: IngestLimits = IngestLimits(),
    constantLabels: [String: String] = [:],
    nonNegative: Set<String> = [],
    labelKeys: Set<String>? = nil,
    metricKeys: Set<String>? = nil
) -> DecodeContext {
    DecodeContext(
        sourceName: name, limits: limits, now: testNow, constantLabels: constantLabels,
        nonNegativeMetrics: nonNegative, ndjsonLabelKeys: labelKeys, ndjsonMetricKeys: metricKeys)
}

/// Bytes of `text` exactly as written (tests spell out CRLF and BOMs themselves).
func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

/// Milliseconds of an RFC 3339 time; tests only pass valid ones.
func millis(_ text: String) -> Int64 {
    Timestamp(rfc3339: text)?.milliseconds ?? .min
}

/// The contents of a file under Fixtures/, found next to this source file.
func fixture(_ name: String) throws -> [UInt8] {
    let directory = String(#filePath.prefix(upTo: #filePath.lastIndex(of: "/") ?? #filePath.endIndex))
    return Array(try Data(contentsOf: URL(fileURLWithPath: directory + "/Fixtures/" + name)))
}

/// Asserts that `decode` refuses its input with an error at `line` (and `column` when given) whose
/// message contains `fragment`, and returns the error for further checks.
@discardableResult
func expectRefusal(
    file: String = "export.csv", line: Int, column: Int? = nil, _ fragment: String,
    sourceLocation: Testing.SourceLocation = #_sourceLocation,
    _ decode: () throws(InputError) -> SampleBatch
) -> InputError? {
    do {
        let batch = try decode()
        Issue.record("expected a refusal containing \(fragment), got \(batch.count) samples", sourceLocation: sourceLocation)
        return nil
    } catch {
        #expect(error.location?.file == file, "\(error)", sourceLocation: sourceLocation)
        #expect(error.location?.line == line, "\(error)", sourceLocation: sourceLocation)
        if let column {
            #expect(error.location?.column == column, "\(error)", sourceLocation: sourceLocation)
        }
        #expect(error.message.contains(fragment), "\(error)", sourceLocation: sourceLocation)
        return error
    }
}
