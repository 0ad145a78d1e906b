import Crypto
import Foundation
import GoalWatchCore
import GoalWatchStore

/// Reads snapshots into the store: decode, validate, and apply in one transaction, consulting the
/// ledger so that no file or content is counted twice.
///
/// Used alike by `goalwatch ingest`, the file and HTTP sources and push ingest, so that every path
/// into the store follows the same rules (DESIGN §4).
public struct SnapshotIngester: Sendable {
    /// The store snapshots are written to.
    public let store: MetricStore

    /// An ingester writing to `store`.
    public init(store: MetricStore) {
        self.store = store
    }

    /// Reads the file at `path`, checks it against the ledger and decodes it, without writing to the
    /// store: the first half of ingesting a file, ``store(_:quarantine:)`` the second. It may run on
    /// another thread while an earlier file is stored (``PreparedAhead``); the files are then stored
    /// in order.
    ///
    /// A file whose path, size and modification time match the ledger is not read again; a file whose
    /// content was already ingested (under any name) is recorded but not applied again.
    public func prepare(_ path: String, settings: IngestSettings, now: Timestamp) -> PreparedSnapshot {
        func prepared(_ stage: PreparedSnapshot.Stage) -> PreparedSnapshot {
            PreparedSnapshot(path: path, settings: settings, now: now, stage: stage)
        }
        do {
            let identity = try FileContents.identity(of: path)
            if let known = try store.ledgerRecord(path: path),
               known.size == Int64(identity.size), known.modified == identity.modifiedNanoseconds {
                return prepared(.finished(.unchanged(reason: "unchanged since it was ingested at \(known.ingestedAt)")))
            }
            let bytes: [UInt8]
            do {
                bytes = try FileContents.read(path, limit: settings.limits.maxFileBytes)
            } catch let error as InputError {
                return prepared(.refused(error))
            }
            let record = LedgerRecord(
                path: path,
                size: Int64(identity.size),
                modified: identity.modifiedNanoseconds,
                contentHash: Self.contentHash(bytes),
                source: settings.sourceName,
                ingestedAt: now,
                samples: 0
            )
            switch try decode(bytes, name: path, record: record, settings: settings, now: now) {
            case .success(let batch): return prepared(.decoded(record: record, batch: batch))
            case .failure(let error): return prepared(.refused(error))
            }
        } catch let unavailable as FileUnavailable {
            return prepared(.finished(.deferred(reason: unavailable.reason)))
        } catch {
            return prepared(.finished(.deferred(reason: "\(error)")))
        }
    }

    /// Stores a file ``prepare(_:settings:now:)`` decoded, unless a file stored since brought the same
    /// content; moves a refused file into `quarantine` when one is given (sources do; the CLI leaves the
    /// user's file alone).
    public func store(_ prepared: PreparedSnapshot, quarantine: Quarantine?) -> IngestOutcome {
        do {
            switch prepared.stage {
            case .finished(let outcome):
                return outcome
            case .refused(let error):
                return refuse(prepared.path, error, quarantine: quarantine, now: prepared.now)
            case .decoded(let record, let batch):
                return try apply(batch, record: record, settings: prepared.settings)
            }
        } catch {
            return .deferred(reason: "\(error)")
        }
    }

    /// Ingests a snapshot that arrived as bytes (an HTTP response or a pushed body) named `name`
    /// (its URL); the same content twice in a row from the same name is not applied again.
    public func ingestBody(_ bytes: [UInt8], name: String, settings: IngestSettings, now: Timestamp) -> IngestOutcome {
        do {
            let hash = Self.contentHash(bytes)
            if let known = try store.ledgerRecord(path: name), known.contentHash == hash {
                return .unchanged(reason: "same content as the snapshot ingested at \(known.ingestedAt)")
            }
            let record = LedgerRecord(
                path: name, size: Int64(bytes.count), modified: now.milliseconds * 1_000_000,
                contentHash: hash, source: settings.sourceName, ingestedAt: now, samples: 0
            )
            switch try decode(bytes, name: name, record: record, settings: settings, now: now) {
            case .success(let batch): return try apply(batch, record: record, settings: settings)
            case .failure(let error): return .refused(error, quarantinedAt: nil)
            }
        } catch {
            return .deferred(reason: "\(error)")
        }
    }

    /// Decodes `bytes`, unless the ledger knows their content already (then an empty batch: `apply`
    /// records the file and finds the earlier one again); the error that refuses them otherwise.
    private func decode(
        _ bytes: [UInt8], name: String, record: LedgerRecord, settings: IngestSettings, now: Timestamp
    ) throws -> Result<SampleBatch, InputError> {
        if try store.ledgerRecord(contentHash: record.contentHash) != nil {
            return .success(SampleBatch())
        }
        return Result { () throws(InputError) in
            let format = try settings.format(for: name)
            return try SnapshotDecoding.decode(bytes, format: format, csv: settings.csv, context: settings.decodeContext(for: name, now: now))
        }
    }

    /// Stores a decoded batch and its ledger record, or only the record when a file with the same
    /// content was ingested before (under any name or time): nothing is stored twice.
    private func apply(_ batch: SampleBatch, record: LedgerRecord, settings: IngestSettings) throws -> IngestOutcome {
        var record = record
        if let earlier = try store.ledgerRecord(contentHash: record.contentHash) {
            _ = try store.apply(SampleBatch(), source: settings.sourceName, lookback: nil, ledger: record)
            return .unchanged(reason: "same content as \(earlier.path), ingested at \(earlier.ingestedAt)")
        }
        record.samples = batch.count
        _ = try store.apply(batch, source: settings.sourceName, lookback: settings.lookback, ledger: record)
        return .ingested(samples: batch.count, series: batch.series.count)
    }

    private func refuse(_ path: String, _ error: InputError, quarantine: Quarantine?, now: Timestamp) -> IngestOutcome {
        guard let quarantine else { return .refused(error, quarantinedAt: nil) }
        do {
            let destination = try quarantine.admit(path, error: error, at: now)
            try? store.recordQuarantine(QuarantineRecord(path: path, reason: error.description, at: now))
            return .refused(error, quarantinedAt: destination)
        } catch let moveError {
            // The file stays where it is; the ledger does not know it, so it is retried and refused again.
            let message = "\(error.message) (and it could not be moved to \(quarantine.directory): \(moveError.localizedDescription))"
            return .refused(InputError(message, at: error.location), quarantinedAt: nil)
        }
    }

    /// Lower-case hex SHA-256 of the bytes: the ledger's content key.
    static func contentHash(_ bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }
}
