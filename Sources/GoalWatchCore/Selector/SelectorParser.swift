/// Parses a series selector; errors name the 1-based column of the offending character.
struct SelectorParser {
    private let scalars: [Unicode.Scalar]
    private var index = 0
    private let text: String

    init(text: String) {
        self.text = text
        scalars = Array(text.unicodeScalars)
    }

    mutating func parseSelector() throws(InputError) -> SeriesSelector {
        skipSpaces()
        var metricName: String?
        if let first = peek, isNameStart(first, allowColon: true) {
            metricName = readName(allowColon: true)
            skipSpaces()
        }
        var matchers: [LabelMatcher] = []
        if peek == "{" {
            index += 1
            matchers = try parseMatchers(openedAt: index)
        }
        skipSpaces()
        guard index == scalars.count else {
            throw error("expected '{' or the end of the selector, found '\(scalars[index])'")
        }
        guard metricName != nil || matchers.contains(where: { !$0.matchesEmpty }) else {
            throw InputError("expected a metric name or at least one matcher that does not match the empty string, found \"\(text)\"")
        }
        return SeriesSelector(metricName: metricName, matchers: matchers)
    }

    private mutating func parseMatchers(openedAt braceColumn: Int) throws(InputError) -> [LabelMatcher] {
        var matchers: [LabelMatcher] = []
        while true {
            skipSpaces()
            guard peek != nil else {
                throw error("expected '}' to close the '{' at column \(braceColumn), found the end of the selector")
            }
            if peek == "}" {
                index += 1
                return matchers
            }
            guard let first = peek, isNameStart(first, allowColon: false) else {
                throw error("expected a label name or '}', found \(found)")
            }
            let name = readName(allowColon: false)
            skipSpaces()
            let kind = try readOperator()
            skipSpaces()
            let valueColumn = index + 1
            let value = try readQuoted()
            do {
                matchers.append(try LabelMatcher(name: name, kind: kind, value: value))
            } catch {
                throw InputError("column \(valueColumn): \(error.message)")
            }
            skipSpaces()
            if peek == "," {
                index += 1
            } else if peek == nil {
                throw error("expected '}' to close the '{' at column \(braceColumn), found the end of the selector")
            } else if peek != "}" {
                throw error("expected ',' or '}' after the matcher on \(name), found \(found)")
            }
        }
    }

    private mutating func readOperator() throws(InputError) -> LabelMatcher.Kind {
        let pair = index + 1 < scalars.count ? String(scalars[index]) + String(scalars[index + 1]) : ""
        for kind in [LabelMatcher.Kind.matchesRegex, .doesNotMatchRegex, .notEqual] where pair == kind.rawValue {
            index += 2
            return kind
        }
        if peek == "=" {
            index += 1
            return .equal
        }
        throw error("expected one of =, !=, =~, !~, found \(found)")
    }

    private mutating func readQuoted() throws(InputError) -> String {
        guard let quote = peek, quote == "\"" || quote == "'" || quote == "`" else {
            throw error("expected a quoted string, found \(found)")
        }
        let start = index
        index += 1
        var value = String.UnicodeScalarView()
        while index < scalars.count {
            let scalar = scalars[index]
            index += 1
            if scalar == quote { return String(value) }
            if scalar == "\\" && quote != "`" {
                guard index < scalars.count else { break }
                let escaped = scalars[index]
                index += 1
                switch escaped {
                case "n": value.append("\n")
                case "t": value.append("\t")
                case "\\", "\"", "'": value.append(escaped)
                default:
                    index -= 1
                    throw error("expected an escape such as \\n, \\\\ or \\\", found '\\\(escaped)'")
                }
            } else {
                value.append(scalar)
            }
        }
        index = start
        throw error("expected the string opened here to be closed with \(quote), found the end of the selector")
    }

    private var peek: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

    private var found: String {
        guard let peek else { return "the end of the selector" }
        return "'\(peek)'"
    }

    private mutating func skipSpaces() {
        while let scalar = peek, scalar == " " || scalar == "\t" || scalar == "\n" { index += 1 }
    }

    private func isNameStart(_ scalar: Unicode.Scalar, allowColon: Bool) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || scalar == "_" || (allowColon && scalar == ":")
    }

    private mutating func readName(allowColon: Bool) -> String {
        var name = String.UnicodeScalarView()
        while let scalar = peek, isNameStart(scalar, allowColon: allowColon) || ("0"..."9").contains(scalar) {
            name.append(scalar)
            index += 1
        }
        return String(name)
    }

    private func error(_ message: String) -> InputError {
        InputError("column \(index + 1): \(message)")
    }
}
