import Foundation

/// The functions alert templates may call: Go's built-ins that rule authors use and Prometheus'
/// template functions, with their Prometheus behaviour.
enum TemplateFunctions {
    static let names: Set<String> = [
        "humanize", "humanize1024", "humanizeDuration", "humanizePercentage", "humanizeTimestamp",
        "printf", "print", "println", "title", "toUpper", "toLower", "reReplaceAll", "match", "safeHtml",
        "eq", "ne", "lt", "le", "gt", "ge", "and", "or", "not", "len", "index",
    ]

    /// ` (did you mean "x"?)` for a close known name, else empty.
    static func suggestion(for name: String) -> String {
        guard let closest = KeySuggestion.closest(to: name, among: names.sorted()) else { return "" }
        return " (did you mean \"\(closest)\"?)"
    }

    static func call(_ name: String, _ arguments: [TemplateValue]) throws(TemplateCallError) -> TemplateValue {
        switch name {
        case "humanize": return .string(Humanize.metric(try number(arguments, name)))
        case "humanize1024": return .string(Humanize.binary(try number(arguments, name)))
        case "humanizeDuration": return .string(Humanize.duration(try number(arguments, name)))
        case "humanizePercentage": return .string(Humanize.percentage(try number(arguments, name)))
        case "humanizeTimestamp": return .string(Humanize.timestamp(try number(arguments, name)))
        case "printf":
            guard case .string(let format)? = arguments.first else { throw TemplateCallError("printf expects a format string first") }
            return .string(GoPrintf.format(format, Array(arguments.dropFirst())))
        case "print": return .string(goPrint(arguments))
        case "println": return .string(arguments.map(\.printed).joined(separator: " ") + "\n")
        case "title": return .string(title(try string(arguments, name)))
        case "toUpper": return .string(try string(arguments, name).uppercased())
        case "toLower": return .string(try string(arguments, name).lowercased())
        case "safeHtml": return .string(try string(arguments, name))
        case "reReplaceAll":
            guard arguments.count == 3, case .string(let pattern) = arguments[0], case .string(let replacement) = arguments[1],
                  case .string(let text) = arguments[2] else { throw TemplateCallError("reReplaceAll expects a pattern, a replacement and a text") }
            return .string(try RegexReplacement.replaceAll(in: text, pattern: pattern, with: replacement))
        case "match":
            guard arguments.count == 2, case .string(let pattern) = arguments[0], case .string(let text) = arguments[1] else {
                throw TemplateCallError("match expects a pattern and a text")
            }
            return .bool(try RegexReplacement.contains(text, pattern: pattern))
        case "eq", "ne", "lt", "le", "gt", "ge": return .bool(try compare(name, arguments))
        case "and": return arguments.first { !$0.isTruthy } ?? arguments.last ?? .null
        case "or": return arguments.first { $0.isTruthy } ?? arguments.last ?? .null
        case "not":
            guard arguments.count == 1 else { throw TemplateCallError("not expects one argument") }
            return .bool(!arguments[0].isTruthy)
        case "len":
            switch arguments.first {
            case .string(let text)?: return .number(Double(text.utf8.count))
            case .map(let map)?: return .number(Double(map.count))
            case .list(let list)?: return .number(Double(list.count))
            default: throw TemplateCallError("len expects a string, map or list")
            }
        case "index":
            guard arguments.count == 2 else { throw TemplateCallError("index expects a collection and a key") }
            switch (arguments[0], arguments[1]) {
            case (.map(let map), .string(let key)): return .string(map[key] ?? "")
            case (.list(let list), .number(let position)) where position >= 0 && Int(position) < list.count: return list[Int(position)]
            default: throw TemplateCallError("index expects a map and a string key, or a list and a position within it")
            }
        default:
            throw TemplateCallError("unknown function \"\(name)\"")
        }
    }

    private static func number(_ arguments: [TemplateValue], _ name: String) throws(TemplateCallError) -> Double {
        guard arguments.count == 1 else { throw TemplateCallError("\(name) expects one argument, got \(arguments.count)") }
        switch arguments[0] {
        case .number(let value): return value
        case .string(let text):
            guard let value = Double(text.trimmingWhitespace) else { throw TemplateCallError("\(name) expects a number, found \"\(text)\"") }
            return value
        default: throw TemplateCallError("\(name) expects a number, found a \(arguments[0].kindName)")
        }
    }

    private static func string(_ arguments: [TemplateValue], _ name: String) throws(TemplateCallError) -> String {
        guard arguments.count == 1 else { throw TemplateCallError("\(name) expects one argument, got \(arguments.count)") }
        return arguments[0].printed
    }

    /// Go's `print`: operands joined, with a space between two that are both not strings.
    private static func goPrint(_ arguments: [TemplateValue]) -> String {
        var out = ""
        for (index, argument) in arguments.enumerated() {
            if index > 0, !isString(arguments[index - 1]), !isString(argument) { out += " " }
            out += argument.printed
        }
        return out
    }

    private static func isString(_ value: TemplateValue) -> Bool {
        if case .string = value { return true }
        return false
    }

    /// Go's deprecated strings.Title, which Prometheus uses: the first letter of each word upper-cased.
    private static func title(_ text: String) -> String {
        var out = ""
        var atWordStart = true
        for character in text {
            out += atWordStart ? character.uppercased() : String(character)
            atWordStart = !(character.isLetter || character.isNumber || character == "_" || character == "'")
        }
        return out
    }

    private static func compare(_ name: String, _ arguments: [TemplateValue]) throws(TemplateCallError) -> Bool {
        guard arguments.count >= 2 else { throw TemplateCallError("\(name) expects two arguments") }
        let left = arguments[0]
        if name == "eq" { return arguments.dropFirst().contains(left) }
        let right = arguments[1]
        if name == "ne" { return left != right }
        let order: Bool?
        switch (left, right) {
        case (.number(let a), .number(let b)):
            order = name == "lt" ? a < b : name == "le" ? a <= b : name == "gt" ? a > b : a >= b
        case (.string(let a), .string(let b)):
            order = name == "lt" ? a < b : name == "le" ? a <= b : name == "gt" ? a > b : a >= b
        default:
            order = nil
        }
        guard let order else { throw TemplateCallError("\(name) compares two numbers or two strings, found a \(left.kindName) and a \(right.kindName)") }
        return order
    }
}

/// A function call that failed while rendering; the renderer adds the position.
struct TemplateCallError: Error {
    var message: String

    init(_ message: String) {
        self.message = message
    }
}
