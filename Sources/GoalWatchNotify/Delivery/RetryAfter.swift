import Foundation
import GoalWatchCore

/// The wait an HTTP `Retry-After` header asks for: delay-seconds or an HTTP-date (RFC 9110 §10.2.3).
enum RetryAfter {
    /// The wait `value` asks for at `now`; `nil` when the header is absent or unreadable. A date in the
    /// past means no wait.
    static func wait(_ value: String?, at now: Timestamp) -> TimeSpan? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        if let seconds = Int64(value), seconds >= 0 { return .seconds(seconds) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: value) else { return nil }
        let wait = Int64((date.timeIntervalSince1970 * 1000).rounded()) - now.milliseconds
        return TimeSpan(milliseconds: max(wait, 0))
    }
}
