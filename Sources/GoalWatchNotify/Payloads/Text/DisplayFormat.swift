import Foundation
import GoalWatchCore

/// Numbers, ratios, durations and dates as people read them in chat and pager messages; the same on
/// every machine (English month names, `,` between thousands), whatever the process' locale.
enum DisplayFormat {
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `9120.4` → `9,120`, `75.46` → `75.5`, `3.14159` → `3.14`, `0.04213` → `0.0421`; NaN and the
    /// infinities as `NaN`, `+Inf`, `-Inf`.
    static func number(_ value: Double) -> String {
        if !value.isFinite { return JSONWriter.nonFiniteText(value) }
        let magnitude = value.magnitude
        let text: String
        if magnitude >= 1000, magnitude < 9e18 {
            text = grouped(Int64(value.rounded()))
        } else if magnitude >= 100 {
            text = trimmed(String(format: "%.1f", value))
        } else if magnitude >= 1 {
            text = trimmed(String(format: "%.2f", value))
        } else {
            text = String(format: "%.3g", value)
        }
        return text == "-0" ? "0" : text
    }

    /// A ratio as a percentage: `0.4213` → `42 %`, `0.045` → `4.5 %`.
    static func percent(_ ratio: Double) -> String {
        if !ratio.isFinite { return JSONWriter.nonFiniteText(ratio) }
        let percent = ratio * 100
        let text = percent.magnitude >= 10 ? String(format: "%.0f", percent) : trimmed(String(format: "%.1f", percent))
        return (text == "-0" ? "0" : text) + " %"
    }

    /// The two largest units of a length of time: `3d 4h`, `2h 5m`, `12m`, `45s`.
    static func duration(_ span: TimeSpan) -> String {
        let seconds = max(0, span.milliseconds / 1000)
        let parts = [(seconds / 86_400, "d"), (seconds / 3600 % 24, "h"), (seconds / 60 % 60, "m"), (seconds % 60, "s")]
        guard let first = parts.firstIndex(where: { $0.0 > 0 }) else { return "0s" }
        return parts[first...].prefix(2).filter { $0.0 > 0 }.map { "\($0.0)\($0.1)" }.joined(separator: " ")
    }

    /// The calendar day of `instant` in `timeZone`: `31 Mar`, with the year when it is not the year of
    /// `reference` (`31 Mar 2027`).
    static func day(_ instant: Timestamp, in timeZone: TimeZone, reference: Timestamp) -> String {
        let parts = components(instant, timeZone)
        let text = "\(parts.day ?? 1) \(months[(parts.month ?? 1) - 1])"
        return parts.year == components(reference, timeZone).year ? text : "\(text) \(parts.year ?? 0)"
    }

    /// Day and time of day in `timeZone`: `14 Mar 2026 09:05 UTC`.
    static func dateTime(_ instant: Timestamp, in timeZone: TimeZone) -> String {
        let parts = components(instant, timeZone)
        let date = Date(timeIntervalSince1970: instant.unixSeconds)
        let zone = timeZone.secondsFromGMT(for: date) == 0 ? "UTC" : (timeZone.abbreviation(for: date) ?? timeZone.identifier)
        let time = String(format: "%02d:%02d", parts.hour ?? 0, parts.minute ?? 0)
        return "\(parts.day ?? 1) \(months[(parts.month ?? 1) - 1]) \(parts.year ?? 0) \(time) \(zone)"
    }

    private static func components(_ instant: Timestamp, _ timeZone: TimeZone) -> DateComponents {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar.dateComponents([.year, .month, .day, .hour, .minute], from: Date(timeIntervalSince1970: instant.unixSeconds))
    }

    private static func grouped(_ value: Int64) -> String {
        let digits = Array(String(value.magnitude))
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out += "," }
            out.append(digit)
        }
        return (value < 0 ? "-" : "") + out
    }

    private static func trimmed(_ text: String) -> String {
        guard text.contains(".") else { return text }
        var out = Substring(text)
        while out.hasSuffix("0") { out = out.dropLast() }
        if out.hasSuffix(".") { out = out.dropLast() }
        return String(out)
    }
}
