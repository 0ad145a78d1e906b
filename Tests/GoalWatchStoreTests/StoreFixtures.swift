import Foundation
import GoalWatchCore
import GoalWatchStore

/// A fresh directory under the system's temporary directory, removed when released.
final class TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("goalwatch-store-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// The path of `name` inside the directory.
    func path(_ name: String) -> String {
        url.appendingPathComponent(name).path
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }
}

/// A label set with metric name `name` and the given other labels.
func series(_ name: String, _ labels: [String: String] = [:]) -> Labels {
    Labels(labels.merging([LabelName.metricName: name]) { _, metricName in metricName })
}

/// A batch of `(labels, milliseconds, value)` samples, in the order given.
func batch(_ samples: [(Labels, Int64, Double)]) -> SampleBatch {
    var batch = SampleBatch()
    for (labels, milliseconds, value) in samples {
        batch.append(labels, timestamp: milliseconds, value: value)
    }
    return batch
}

/// A ledger record for `path` with a valid content hash derived from `content`.
func ledgerRecord(
    path: String, content: Character = "a", ingestedAt: Int64 = 1_000, samples: Int = 1
) -> LedgerRecord {
    LedgerRecord(
        path: path, size: 42, modified: 1_700_000_000_000_000_000,
        contentHash: String(repeating: content, count: 64), source: "exports",
        ingestedAt: Timestamp(milliseconds: ingestedAt), samples: samples)
}

extension MetricStore {
    /// For each series in `ids`, its samples with `after < timestamp <= through`, read in one
    /// ``forEachSample(in:_:)``; every id is a key (with no samples when unknown).
    func samples(of ids: [Int64], after: Timestamp, through: Timestamp) throws -> [Int64: [Sample]] {
        var read = Dictionary(uniqueKeysWithValues: ids.map { ($0, [Sample]()) })
        try forEachSample(in: ids.map { SampleSpan(id: $0, after: after, through: through) }) { span, time, value in
            read[ids[span]]!.append(Sample(timestamp: Timestamp(milliseconds: time), value: value))
        }
        return read
    }

    /// All samples of series `id`.
    func allSamples(of id: Int64) throws -> [Sample] {
        try samples(of: id, after: Timestamp(milliseconds: .min), through: Timestamp(milliseconds: .max))
    }

    /// The only stored series with metric name `name`, if exactly one.
    func onlySeries(named name: String) throws -> StoredSeries? {
        let found = try series(named: name)
        return found.count == 1 ? found[0] : nil
    }
}

extension Sample {
    init(_ milliseconds: Int64, _ value: Double) {
        self.init(timestamp: Timestamp(milliseconds: milliseconds), value: value)
    }
}
