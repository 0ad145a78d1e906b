/// Go-style regular expression helpers for templates: unanchored matching and `ReplaceAllString`
/// with `$1`, `${1}` and `${name}` expansion.
enum RegexReplacement {
    static func contains(_ text: String, pattern: String) throws(TemplateCallError) -> Bool {
        let regex = try compile(pattern)
        return (try? regex.firstMatch(in: text)) != nil
    }

    static func replaceAll(in text: String, pattern: String, with template: String) throws(TemplateCallError) -> String {
        let regex = try compile(pattern)
        var out = ""
        var cursor = text.startIndex
        for match in text.matches(of: regex) {
            out += text[cursor..<match.range.lowerBound]
            out += expand(template, match)
            cursor = match.range.upperBound
        }
        out += text[cursor...]
        return out
    }

    /// The expansion of `template` when `pattern` matches the whole of `text`, as PromQL's
    /// `label_replace` does; `nil` when it does not match.
    static func expandWholeMatch(of pattern: String, in text: String, template: String) throws(TemplateCallError) -> String? {
        let regex = try compile(pattern)
        guard let match = try? regex.wholeMatch(in: text) else { return nil }
        return expand(template, match)
    }

    private static func compile(_ pattern: String) throws(TemplateCallError) -> Regex<AnyRegexOutput> {
        do {
            return try Regex(pattern)
        } catch {
            throw TemplateCallError("expected a valid regular expression, found \"\(pattern)\"")
        }
    }

    /// Expands `$n`, `${n}` and `${name}` in `template` from the match; `$$` is a dollar sign.
    private static func expand(_ template: String, _ match: Regex<AnyRegexOutput>.Match) -> String {
        let characters = Array(template)
        var out = ""
        var index = 0
        while index < characters.count {
            let character = characters[index]
            index += 1
            guard character == "$", index < characters.count else {
                out.append(character)
                continue
            }
            if characters[index] == "$" {
                out.append("$")
                index += 1
                continue
            }
            var name = ""
            if characters[index] == "{" {
                guard let close = characters[index...].firstIndex(of: "}") else {
                    out.append("$")
                    continue
                }
                name = String(characters[(index + 1)..<close])
                index = close + 1
            } else {
                while index < characters.count, characters[index].isLetter || characters[index].isNumber || characters[index] == "_" {
                    name.append(characters[index])
                    index += 1
                }
            }
            out += captured(name, match)
        }
        return out
    }

    private static func captured(_ name: String, _ match: Regex<AnyRegexOutput>.Match) -> String {
        if let number = Int(name) {
            guard number < match.output.count, let substring = match.output[number].substring else { return "" }
            return String(substring)
        }
        guard let element = match.output[name], let substring = element.substring else { return "" }
        return String(substring)
    }
}
