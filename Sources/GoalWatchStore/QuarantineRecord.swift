import GoalWatchCore

/// A file that ingest refused and moved to quarantine, kept so refusals can be counted and listed.
public struct QuarantineRecord: Codable, Sendable, Hashable {
    /// The refused file's original path.
    public var path: String
    /// Why it was refused, with file:line:column where known.
    public var reason: String
    /// When it was refused.
    public var at: Timestamp

    public init(path: String, reason: String, at: Timestamp) {
        self.path = path
        self.reason = reason
        self.at = at
    }

    private enum CodingKeys: String, CodingKey {
        case path, reason, at
    }

    /// Decodes a record whose `at` is in milliseconds since the Unix epoch.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        path = try container.decode(String.self, forKey: .path)
        reason = try container.decode(String.self, forKey: .reason)
        at = Timestamp(milliseconds: try container.decode(Int64.self, forKey: .at))
    }

    /// Encodes the record with `at` in milliseconds since the Unix epoch.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(path, forKey: .path)
        try container.encode(reason, forKey: .reason)
        try container.encode(at.milliseconds, forKey: .at)
    }
}
