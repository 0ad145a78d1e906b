import Foundation

/// The part of Go's `fmt.Sprintf` that alert templates use: `%s %v %d %f %e %g %q %x %t %%` with flags,
/// width and precision.
///
/// Where Go prints an error marker for a mismatched verb (`%d` of 75.0 gives `%!d(float64=75)`),
/// this prints what the author meant (`75`): a notification with a readable number beats a faithful
/// error marker. Missing operands print `%!v(MISSING)` as in Go.
enum GoPrintf {
    static func format(_ format: String, _ arguments: [TemplateValue]) -> String {
        let scalars = Array(format.unicodeScalars)
        var out = ""
        var index = 0
        var next = 0
        while index < scalars.count {
            let scalar = scalars[index]
            index += 1
            guard scalar == "%" else {
                out.unicodeScalars.append(scalar)
                continue
            }
            var spec = ""
            while index < scalars.count, "+-# 0123456789.".unicodeScalars.contains(scalars[index]) {
                spec.unicodeScalars.append(scalars[index])
                index += 1
            }
            guard index < scalars.count else {
                out += "%!(NOVERB)"
                break
            }
            let verb = scalars[index]
            index += 1
            if verb == "%" {
                out += "%"
                continue
            }
            guard next < arguments.count else {
                out += "%!\(verb)(MISSING)"
                continue
            }
            out += render(arguments[next], verb: verb, spec: spec)
            next += 1
        }
        return out
    }

    private static func render(_ value: TemplateValue, verb: Unicode.Scalar, spec: String) -> String {
        switch (verb, value) {
        case ("d", .number(let number)) where number.isFinite:
            return String(format: "%\(spec)lld", Int64(number.rounded(.towardZero)))
        case ("f", .number(let number)), ("F", .number(let number)), ("e", .number(let number)),
             ("E", .number(let number)), ("g", .number(let number)), ("G", .number(let number)):
            if !number.isFinite { return pad(Humanize.goG4(number), spec: spec) }
            return String(format: "%\(spec)\(verb)", number)
        case ("x", .number(let number)) where number.isFinite && number == number.rounded():
            return String(format: "%\(spec)llx", Int64(number))
        case ("q", _):
            return pad(PromQL.quote(value.printed), spec: spec)
        case ("d", .string(let text)), ("f", .string(let text)), ("g", .string(let text)):
            if let number = Double(text) { return render(.number(number), verb: verb, spec: spec) }
            return pad(text, spec: spec)
        default:
            var text = value.printed
            if verb == "s" || verb == "v", let dot = spec.firstIndex(of: "."), let precision = Int(spec[spec.index(after: dot)...]) {
                text = String(text.prefix(precision))
            }
            return pad(text, spec: spec)
        }
    }

    /// Pads to the width in `spec`, left-aligned with `-`.
    private static func pad(_ text: String, spec: String) -> String {
        let widthText = spec.split(separator: ".", omittingEmptySubsequences: false).first.map { $0.filter(\.isNumber) } ?? ""
        guard let width = Int(widthText), width > text.count else { return text }
        let padding = String(repeating: " ", count: width - text.count)
        return spec.hasPrefix("-") ? text + padding : padding + text
    }
}
