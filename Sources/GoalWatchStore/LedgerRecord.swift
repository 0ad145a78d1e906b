import GoalWatchCore

/// One ingested file, as the ingest ledger remembers it, so that re-reading an inbox never
/// ingests the same file twice and a changed file is ingested again (DESIGN §4).
///
/// A file is identified by ``path``, ``size``, ``modified`` and ``contentHash`` together;
/// recording the same four again replaces the earlier record rather than adding one.
public struct LedgerRecord: Codable, Sendable, Hashable {
    /// The file's path as the source found it.
    public var path: String
    /// The file's size in bytes.
    public var size: Int64
    /// The file's modification time, in nanoseconds since the Unix epoch.
    public var modified: Int64
    /// The SHA-256 of the file's bytes, as 64 lowercase hexadecimal digits.
    public var contentHash: String
    /// The name of the configured source that read the file, if any.
    public var source: String?
    /// When the file was ingested.
    public var ingestedAt: Timestamp
    /// How many samples the file contributed.
    public var samples: Int

    public init(
        path: String, size: Int64, modified: Int64, contentHash: String, source: String?,
        ingestedAt: Timestamp, samples: Int
    ) {
        self.path = path
        self.size = size
        self.modified = modified
        self.contentHash = contentHash
        self.source = source
        self.ingestedAt = ingestedAt
        self.samples = samples
    }

    private enum CodingKeys: String, CodingKey {
        case path, size, modified, contentHash, source, ingestedAt, samples
    }

    /// Decodes a record whose `ingestedAt` is in milliseconds since the Unix epoch.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        path = try container.decode(String.self, forKey: .path)
        size = try container.decode(Int64.self, forKey: .size)
        modified = try container.decode(Int64.self, forKey: .modified)
        contentHash = try container.decode(String.self, forKey: .contentHash)
        source = try container.decodeIfPresent(String.self, forKey: .source)
        ingestedAt = Timestamp(milliseconds: try container.decode(Int64.self, forKey: .ingestedAt))
        samples = try container.decode(Int.self, forKey: .samples)
    }

    /// Encodes the record with `ingestedAt` in milliseconds since the Unix epoch.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(path, forKey: .path)
        try container.encode(size, forKey: .size)
        try container.encode(modified, forKey: .modified)
        try container.encode(contentHash, forKey: .contentHash)
        try container.encodeIfPresent(source, forKey: .source)
        try container.encode(ingestedAt.milliseconds, forKey: .ingestedAt)
        try container.encode(samples, forKey: .samples)
    }
}
