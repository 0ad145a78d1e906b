/// Splits the inside of one `{{ … }}` action into tokens.
struct TemplateLexer {
    enum Token: Equatable {
        case identifier(String)
        /// `$name` or `$` alone (name empty), with any `.field` chain after it.
        case variable(String, [String])
        /// `.` alone (empty chain) or `.A.b`.
        case field([String])
        case string(String)
        case number(Double)
        case pipe, open, close, declare, assign, comma
    }

    static func tokens(_ text: String, location: (Int) -> SourceLocation) throws(InputError) -> [(Token, SourceLocation)] {
        let scalars = Array(text.unicodeScalars)
        var index = 0
        var tokens: [(Token, SourceLocation)] = []
        func isNameCharacter(_ scalar: Unicode.Scalar) -> Bool {
            scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_"
        }
        func readChain() -> [String] {
            var chain: [String] = []
            while index < scalars.count, scalars[index] == ".", index + 1 < scalars.count, isNameCharacter(scalars[index + 1]) {
                index += 1
                var name = ""
                while index < scalars.count, isNameCharacter(scalars[index]) {
                    name.unicodeScalars.append(scalars[index])
                    index += 1
                }
                chain.append(name)
            }
            return chain
        }
        while index < scalars.count {
            let scalar = scalars[index]
            let here = location(index)
            switch scalar {
            case " ", "\t", "\n", "\r":
                index += 1
            case "|": tokens.append((.pipe, here)); index += 1
            case "(": tokens.append((.open, here)); index += 1
            case ")": tokens.append((.close, here)); index += 1
            case ",": tokens.append((.comma, here)); index += 1
            case ":":
                guard index + 1 < scalars.count, scalars[index + 1] == "=" else {
                    throw InputError("expected ':=', found ':'", at: here)
                }
                tokens.append((.declare, here))
                index += 2
            case "=":
                tokens.append((.assign, here))
                index += 1
            case "$":
                index += 1
                var name = ""
                while index < scalars.count, isNameCharacter(scalars[index]) {
                    name.unicodeScalars.append(scalars[index])
                    index += 1
                }
                tokens.append((.variable(name, readChain()), here))
            case ".":
                let chain = readChain()
                if chain.isEmpty { index += 1 }
                tokens.append((.field(chain), here))
            case "\"", "`":
                index += 1
                var value = ""
                var closed = false
                while index < scalars.count {
                    let next = scalars[index]
                    index += 1
                    if next == scalar { closed = true; break }
                    if next == "\\", scalar == "\"", index < scalars.count {
                        let escaped = scalars[index]
                        index += 1
                        switch escaped {
                        case "n": value += "\n"
                        case "t": value += "\t"
                        case "\\", "\"": value.unicodeScalars.append(escaped)
                        default: throw InputError("expected an escape such as \\n, \\t, \\\\ or \\\", found '\\\(escaped)'", at: location(index - 2))
                        }
                    } else {
                        value.unicodeScalars.append(next)
                    }
                }
                guard closed else { throw InputError("expected the string to be closed with \(scalar), found the end of the action", at: here) }
                tokens.append((.string(value), here))
            default:
                if ("0"..."9").contains(scalar) || ((scalar == "-" || scalar == "+") && index + 1 < scalars.count && ("0"..."9").contains(scalars[index + 1])) {
                    var text = String(scalar)
                    index += 1
                    while index < scalars.count, isNameCharacter(scalars[index]) || scalars[index] == "." || ((scalars[index] == "-" || scalars[index] == "+") && text.last.map { $0 == "e" || $0 == "E" } == true) {
                        text.unicodeScalars.append(scalars[index])
                        index += 1
                    }
                    guard let number = Double(text) else { throw InputError("expected a number, found \"\(text)\"", at: here) }
                    tokens.append((.number(number), here))
                } else if isNameCharacter(scalar) {
                    var name = ""
                    while index < scalars.count, isNameCharacter(scalars[index]) {
                        name.unicodeScalars.append(scalars[index])
                        index += 1
                    }
                    tokens.append((.identifier(name), here))
                } else {
                    throw InputError("unexpected character '\(scalar)' in the action", at: here)
                }
            }
        }
        return tokens
    }
}
