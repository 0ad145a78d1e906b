import Foundation

/// The number formatting functions of Prometheus' alert templates, with Prometheus' exact output, so
/// that annotations copied from Prometheus rule files read the same here.
///
/// All of them use Go's `%.4g` (four significant digits, trailing zeros dropped, exponent form for
/// very large or small magnitudes) and spell NaN and infinities as Go does (`NaN`, `+Inf`, `-Inf`).
public enum Humanize {
    private static let largePrefixes = ["k", "M", "G", "T", "P", "E", "Z", "Y"]
    private static let smallPrefixes = ["m", "u", "n", "p", "f", "a", "z", "y"]
    private static let binaryPrefixes = ["ki", "Mi", "Gi", "Ti", "Pi", "Ei", "Zi", "Yi"]

    /// SI prefixes: `1234567` → `1.235M`, `0.1234567` → `123.5m`.
    public static func metric(_ value: Double) -> String {
        if value == 0 || !value.isFinite { return goG4(value) }
        var scaled = value
        var prefix = ""
        if abs(scaled) >= 1 {
            for candidate in largePrefixes where abs(scaled) >= 1000 {
                prefix = candidate
                scaled /= 1000
            }
        } else {
            for candidate in smallPrefixes where abs(scaled) < 1 {
                prefix = candidate
                scaled *= 1000
            }
        }
        return goG4(scaled) + prefix
    }

    /// Binary prefixes: `1048576` → `1Mi`.
    public static func binary(_ value: Double) -> String {
        if abs(value) <= 1 || !value.isFinite { return goG4(value) }
        var scaled = value
        var prefix = ""
        for candidate in binaryPrefixes where abs(scaled) >= 1024 {
            prefix = candidate
            scaled /= 1024
        }
        return goG4(scaled) + prefix
    }

    /// Seconds as days, hours, minutes and seconds: `899.99` → `14m 59s`, `0.25` → `250ms`.
    public static func duration(_ value: Double) -> String {
        if !value.isFinite { return goG4(value) }
        if value == 0 { return goG4(value) + "s" }
        if abs(value) >= 1 {
            let sign = value < 0 ? "-" : ""
            let magnitude = abs(value)
            let whole = Int64(magnitude)
            let (days, hours, minutes, seconds) = (whole / 86_400, whole / 3600 % 24, whole / 60 % 60, whole % 60)
            if days != 0 { return "\(sign)\(days)d \(hours)h \(minutes)m \(seconds)s" }
            if hours != 0 { return "\(sign)\(hours)h \(minutes)m \(seconds)s" }
            if minutes != 0 { return "\(sign)\(minutes)m \(seconds)s" }
            return sign + goG4(magnitude) + "s"
        }
        var scaled = value
        var prefix = ""
        for candidate in smallPrefixes where abs(scaled) < 1 {
            prefix = candidate
            scaled *= 1000
        }
        return goG4(scaled) + prefix + "s"
    }

    /// A ratio as a percentage: `0.005` → `0.5%`, `0.1234567` → `12.35%`.
    public static func percentage(_ value: Double) -> String {
        goG4(value * 100) + "%"
    }

    /// Unix seconds as a UTC time in Go's default layout: `2026-03-01 00:00:00 +0000 UTC`.
    public static func timestamp(_ value: Double) -> String {
        if !value.isFinite { return goG4(value) }
        let instant = Timestamp(unixSeconds: value)
        let (days, msOfDay) = instant.milliseconds.floorDivided(by: 86_400_000)
        let date = CivilDate.date(daysSinceEpoch: Int(days))
        let seconds = msOfDay / 1000
        let millis = msOfDay % 1000
        var text = String(format: "%04d-%02d-%02d %02d:%02d:%02d", date.year, date.month, date.day, Int(seconds / 3600), Int(seconds / 60 % 60), Int(seconds % 60))
        if millis != 0 {
            var fraction = String(format: "%03d", Int(millis))
            while fraction.hasSuffix("0") { fraction.removeLast() }
            text += "." + fraction
        }
        return text + " +0000 UTC"
    }

    /// Go's `%.4g`: C's `%.4g` agrees on finite numbers; Go spells the non-finite ones differently.
    static func goG4(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        return String(format: "%.4g", value)
    }
}
