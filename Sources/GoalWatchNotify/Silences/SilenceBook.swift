import Foundation
import GoalWatchCore
import GoalWatchStore

/// The silences kept in the store, as ``Silence`` values: what `goalwatch silence` and the HTTP API
/// change and what the router reads at every flush.
public struct SilenceBook: Sendable {
    private let store: MetricStore

    /// The silences of `store`.
    public init(store: MetricStore) {
        self.store = store
    }

    /// Saves a new or changed silence.
    public func save(_ silence: Silence) throws {
        let body = try StoredJSON.encode(silence)
        try store.save(SilenceRecord(id: silence.id, body: body, endsAt: silence.endsAt))
    }

    /// Every stored silence, those ending first first.
    public func all() throws -> [Silence] {
        try store.silences().map { try StoredJSON.decode(Silence.self, from: $0.body) }
    }

    /// The silence with `id`, if there is one.
    public func silence(id: String) throws -> Silence? {
        try store.silence(id: id).map { try StoredJSON.decode(Silence.self, from: $0.body) }
    }

    /// Ends the silence `id` at `now`, as Alertmanager expires one: an active silence ends now, a pending
    /// one starts and ends now.
    ///
    /// - Throws: ``SilenceError`` when there is no such silence or it has already expired.
    @discardableResult
    public func expire(id: String, at now: Timestamp) throws -> Silence {
        guard var silence = try silence(id: id) else { throw SilenceError.notFound(id) }
        switch silence.state(at: now) {
        case .expired:
            throw SilenceError.alreadyExpired(id, endedAt: silence.endsAt)
        case .pending:
            silence.startsAt = now
            silence.endsAt = now
        case .active:
            silence.endsAt = now
        }
        try save(silence)
        return silence
    }
}

/// Why a silence could not be changed.
public enum SilenceError: Error, Sendable, CustomStringConvertible {
    /// No silence has this id.
    case notFound(String)
    /// The silence ended already.
    case alreadyExpired(String, endedAt: Timestamp)

    public var description: String {
        switch self {
        case .notFound(let id): "no silence has the id \(id)"
        case .alreadyExpired(let id, let endedAt): "silence \(id) already expired at \(endedAt)"
        }
    }
}
