import Foundation
import GoalWatchCore

/// A new silence as `goalwatch silence add` and `POST /api/v1/silences` describe it, turned into a
/// ``Silence`` with a fresh id by the same rules on both paths.
public struct SilenceDraft: Sendable {
    /// Matcher texts, each one matcher or a comma-separated list (`goal="ig"`, `{team="care", severity="critical"}`).
    public var matchers: [String]
    /// When the silence starts.
    public var startsAt: Timestamp
    /// When it ends (included).
    public var endsAt: Timestamp
    /// Who adds it.
    public var createdBy: String
    /// Why.
    public var comment: String

    /// A draft with these parts; nothing is checked until ``silence(at:)``.
    public init(matchers: [String], startsAt: Timestamp, endsAt: Timestamp, createdBy: String, comment: String) {
        self.matchers = matchers
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.createdBy = createdBy
        self.comment = comment
    }

    /// The silence, created at `now`.
    ///
    /// - Throws: ``InputError`` naming the matcher text that does not parse (`matcher X: …`), or the
    ///   rule of ``Silence/validate()`` the draft breaks.
    public func silence(at now: Timestamp) throws(InputError) -> Silence {
        var parsed: [AlertMatcher] = []
        for text in matchers {
            do {
                parsed += try AlertMatcher.parseList(text)
            } catch {
                throw InputError("matcher \(text): \(error.message)")
            }
        }
        return try Silence(
            id: UUID().uuidString.lowercased(), matchers: parsed, startsAt: startsAt, endsAt: endsAt, createdBy: createdBy,
            comment: comment, createdAt: now)
    }
}
