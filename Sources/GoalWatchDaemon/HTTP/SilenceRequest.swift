import Foundation
import GoalWatchCore

/// The body of `POST /api/v1/silences`, read into a ``SilenceDraft``:
/// `{"matchers": ["goal=\"ig\""], "comment": "…", "created_by": "…", "starts_at": "now", "ends_at": "…" | "duration": "2h"}`.
///
/// `matchers` (a list, or one string) and `comment` are required; `created_by` defaults to `api`,
/// `starts_at` to now, and the end to `duration` (default 1h) after the start. Times are RFC 3339 or
/// relative to now (`now+2h`), as on the command line. Unknown keys are refused, as in the configuration.
enum SilenceRequest {
    static let keys = ["matchers", "comment", "created_by", "starts_at", "ends_at", "duration"]

    /// The draft the body describes.
    ///
    /// - Throws: ``APIError`` 400 saying which field is wrong and what it should be.
    static func draft(from body: [UInt8], now: Timestamp) throws(APIError) -> SilenceDraft {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] else {
            throw invalid(#"expected a JSON object such as {"matchers": ["goal=\"ig-followers\""], "comment": "campaign paused", "duration": "2h"}"#)
        }
        if let unknown = object.keys.sorted().first(where: { !keys.contains($0) }) {
            throw invalid("unknown key \"\(unknown)\"; allowed keys: \(keys.joined(separator: ", "))")
        }
        let matchers: [String]
        switch object["matchers"] {
        case let text as String: matchers = [text]
        case let list as [Any] where list.allSatisfy({ $0 is String }): matchers = list.compactMap { $0 as? String }
        default: throw invalid(#"expected "matchers" to be a list of matchers such as ["goal=\"ig-followers\"", "severity=~\"warning|info\""]"#)
        }
        let comment = try string("comment", in: object) ?? ""
        let startsAt = try time("starts_at", in: object, now: now) ?? now
        let endsAt: Timestamp
        if let end = try time("ends_at", in: object, now: now) {
            guard object["duration"] == nil else { throw invalid(#"give either "ends_at" or "duration", not both"#) }
            endsAt = end
        } else {
            let text = try string("duration", in: object) ?? "1h"
            guard let span = TimeSpan(text), span.milliseconds > 0 else {
                throw invalid("expected \"duration\" to be a duration such as 2h or 3d, found \"\(text)\"")
            }
            endsAt = startsAt + span
        }
        return SilenceDraft(matchers: matchers, startsAt: startsAt, endsAt: endsAt, createdBy: try string("created_by", in: object) ?? "api", comment: comment)
    }

    private static func string(_ key: String, in object: [String: Any]) throws(APIError) -> String? {
        guard let value = object[key] else { return nil }
        guard let text = value as? String else { throw invalid("expected \"\(key)\" to be a string") }
        return text
    }

    private static func time(_ key: String, in object: [String: Any], now: Timestamp) throws(APIError) -> Timestamp? {
        guard let text = try string(key, in: object) else { return nil }
        do {
            return try Timestamp.parse(text, now: now)
        } catch {
            throw invalid("\"\(key)\": \(error.message)")
        }
    }

    private static func invalid(_ message: String) -> APIError {
        APIError(status: .badRequest, message: message)
    }
}
