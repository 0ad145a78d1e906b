#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The pieces of a logfmt line: `key=value` pairs separated by spaces.
public enum Logfmt {
    /// A `key=value` pair, key and value made safe with ``key(_:)`` and ``value(_:)``.
    public static func pair(_ key: String, _ value: String) -> String {
        "\(Self.key(key))=\(Self.value(value))"
    }

    /// `key` with every character that would end or confuse it (space, `=`, `"`, control characters and any
    /// other character outside printable ASCII) replaced by `_`; an empty key becomes `_`.
    public static func key(_ key: String) -> String {
        guard !key.isEmpty else { return "_" }
        var out = ""
        for scalar in key.unicodeScalars {
            let plain = scalar.value > 0x20 && scalar.value < 0x7F && scalar != "=" && scalar != "\""
            out.unicodeScalars.append(plain ? scalar : "_")
        }
        return out
    }

    /// `value` bare when it is non-empty and holds no space, `"`, `=`, `\` or control character; otherwise
    /// in double quotes with `\"`, `\\`, `\n`, `\r`, `\t` and `\u00XX` for other control characters, so every
    /// record stays on one line and reads back unambiguously.
    public static func value(_ value: String) -> String {
        guard value.isEmpty || value.unicodeScalars.contains(where: needsQuotes) else { return value }
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.properties.generalCategory == .control {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// A time in UTC with milliseconds, as `ts=` carries it: `2026-11-28T12:00:00.000Z`.
    public static func timestamp(millisecondsSinceEpoch milliseconds: Int64) -> String {
        var seconds = time_t(milliseconds.quotientAndRemainder(dividingBy: 1000).quotient)
        var fraction = milliseconds % 1000
        if fraction < 0 {
            seconds -= 1
            fraction += 1000
        }
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return "\(pad(Int(parts.tm_year) + 1900, 4))-\(pad(Int(parts.tm_mon) + 1, 2))-\(pad(Int(parts.tm_mday), 2))"
            + "T\(pad(Int(parts.tm_hour), 2)):\(pad(Int(parts.tm_min), 2)):\(pad(Int(parts.tm_sec), 2))"
            + ".\(pad(Int(fraction), 3))Z"
    }

    private static func needsQuotes(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\"" || scalar == "=" || scalar == "\\" || scalar.properties.isWhitespace
            || scalar.properties.generalCategory == .control
    }

    private static func pad(_ number: Int, _ width: Int) -> String {
        let digits = String(number)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
