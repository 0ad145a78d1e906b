/// A silence: while it is active, alerts whose labels meet all its matchers are not notified
/// (Alertmanager semantics). Created with `goalwatch silence add` or the API, and persisted.
///
/// A silence is active from ``startsAt`` to ``endsAt``, both included, as in Alertmanager; before
/// that it is pending, after it expired. Expiring a silence early sets ``endsAt`` to the time of expiry.
public struct Silence: Sendable, Hashable, Codable {
    /// Where a silence is in its life at a given time.
    public enum State: String, Sendable, Hashable, Codable {
        /// Not started yet.
        case pending
        /// In force.
        case active
        /// Over.
        case expired
    }

    /// Unique and stable (a UUID), for `goalwatch silence expire ID`.
    public var id: String
    /// The conditions an alert must meet, all of them, to be muted.
    public var matchers: [AlertMatcher]
    /// When the silence starts.
    public var startsAt: Timestamp
    /// When the silence ends; after ``startsAt``.
    public var endsAt: Timestamp
    /// Who created it.
    public var createdBy: String
    /// Why.
    public var comment: String
    /// When it was created (or last updated).
    public var createdAt: Timestamp

    /// Creates a silence and checks it (``validate()``).
    /// - Throws: ``InputError`` (without a position) naming the first problem.
    public init(
        id: String,
        matchers: [AlertMatcher],
        startsAt: Timestamp,
        endsAt: Timestamp,
        createdBy: String,
        comment: String,
        createdAt: Timestamp
    ) throws(InputError) {
        self.id = id
        self.matchers = matchers
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.createdBy = createdBy
        self.comment = comment
        self.createdAt = createdAt
        try validate()
    }

    /// Checks Alertmanager's rules for a silence: at least one matcher, and not every matcher matching
    /// the empty string (such a silence would mute every alert without the labels too); an end after
    /// the start; an author and a comment that are not blank.
    /// - Throws: ``InputError`` (without a position) naming the first problem.
    public func validate() throws(InputError) {
        guard !matchers.isEmpty else {
            throw InputError("a silence needs at least one matcher, such as alertname=\"SlowFirstResponse\"")
        }
        guard !matchers.allSatisfy(\.matchesEmpty) else {
            let list = matchers.map(\.description).joined(separator: ", ")
            throw InputError(
                "a silence needs at least one matcher that does not match the empty string; {\(list)} would also mute every alert without these labels")
        }
        guard endsAt > startsAt else {
            throw InputError("a silence must end after it starts, found start \(startsAt) and end \(endsAt)")
        }
        guard !createdBy.allSatisfy(\.isWhitespace) else { throw InputError("a silence needs an author (created by)") }
        guard !comment.allSatisfy(\.isWhitespace) else { throw InputError("a silence needs a comment saying why") }
    }

    /// The silence's state at `instant`.
    public func state(at instant: Timestamp) -> State {
        if instant < startsAt { return .pending }
        if instant > endsAt { return .expired }
        return .active
    }

    /// Whether the silence mutes an alert with `labels` at `instant`: it is active and all its
    /// matchers match (an absent label matching as the empty string).
    public func mutes(_ labels: [String: String], at instant: Timestamp) -> Bool {
        state(at: instant) == .active && matchers.allSatisfy { $0.matches(labels) }
    }
}
