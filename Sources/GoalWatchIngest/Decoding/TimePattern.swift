/// A Unicode date pattern (`yyyy-MM-dd`, `dd.MM.yyyy HH:mm`, `EEE, MMM d, yyyy`), compiled once into the
/// steps that read a cell.
///
/// Supported letters: `y` (`yy` is 2000–2099), `M`/`MM`, `MMM`/`MMMM` (English month names), `d`/`dd`,
/// `E`–`EEEE` (English weekday names, checked against the date), `H`/`HH`, `h`/`hh` with `a` (AM/PM),
/// `m`/`mm`, `s`/`ss`, `S`…`SSSSSSSSS` (fractions of a second, kept to the millisecond), and UTC offsets
/// `Z`–`ZZZ`, `ZZZZZ`, `X`–`XXX`, `x`–`xxx`, each accepting `Z`, `+02`, `+0200` and `+02:00`. Text in
/// single quotes (`'T'`) and any other non-letter is matched literally; `''` is a quote. A single letter
/// (`M`, `d`, `H` …) reads one or two digits, a doubled one exactly two. Names match in any case.
struct TimePattern: Sendable {
    /// The numeric calendar and clock fields.
    enum Field: Sendable, CaseIterable {
        case year, twoDigitYear, month, day, hour24, hour12, minute, second
    }

    /// One step of reading a cell.
    enum Element: Sendable {
        case literal([UInt8])
        case number(Field, minDigits: Int, maxDigits: Int)
        case monthName(abbreviated: Bool)
        case weekdayName(abbreviated: Bool)
        case dayPeriod
        case fraction(digits: Int)
        case offset
    }

    /// The pattern as written, for messages.
    let text: String
    let elements: [Element]

    /// Compiles `pattern`; refuses letters outside the supported set, a pattern without year, month and
    /// day, a field given twice, and `h` without `a` (or the reverse).
    init(_ pattern: String) throws(CellError) {
        text = pattern
        var elements: [Element] = []
        var seen: Set<Character> = []
        let characters = Array(pattern)
        var index = 0
        func appendLiteral(_ character: Character) {
            let bytes = Array(String(character).utf8)
            if case .literal(let previous) = elements.last {
                elements[elements.count - 1] = .literal(previous + bytes)
            } else {
                elements.append(.literal(bytes))
            }
        }
        while index < characters.count {
            let character = characters[index]
            if character == "'" {
                if index + 1 < characters.count, characters[index + 1] == "'" {
                    appendLiteral("'")
                    index += 2
                    continue
                }
                index += 1
                var closed = false
                while index < characters.count {
                    if characters[index] == "'" {
                        if index + 1 < characters.count, characters[index + 1] == "'" {
                            appendLiteral("'")
                            index += 2
                            continue
                        }
                        closed = true
                        index += 1
                        break
                    }
                    appendLiteral(characters[index])
                    index += 1
                }
                guard closed else {
                    throw CellError("timestamp pattern \(FoundText.quoted(pattern)): expected a closing ' after a quoted literal, found the end of the pattern")
                }
                continue
            }
            guard character.isASCII, character.isLetter else {
                appendLiteral(character)
                index += 1
                continue
            }
            var count = 1
            while index + count < characters.count, characters[index + count] == character { count += 1 }
            guard let element = Self.element(for: character, count: count) else {
                let run = String(repeating: character, count: count)
                throw CellError(
                    "timestamp pattern \(FoundText.quoted(pattern)): expected pattern letters y M d E H h a m s S Z X x, found \(FoundText.quoted(run))")
            }
            let key: Character = character == "X" || character == "x" ? "Z" : character
            guard seen.insert(key).inserted else {
                throw CellError("timestamp pattern \(FoundText.quoted(pattern)): expected each field once, found \(FoundText.quoted(String(character))) twice")
            }
            elements.append(element)
            index += count
        }
        guard seen.contains("y"), seen.contains("M"), seen.contains("d") else {
            throw CellError("timestamp pattern \(FoundText.quoted(pattern)): expected a year (y), month (M) and day (d) in the pattern")
        }
        guard seen.contains("h") == seen.contains("a") else {
            throw CellError("timestamp pattern \(FoundText.quoted(pattern)): expected h (1–12) together with a (AM/PM); use H for 0–23")
        }
        self.elements = elements
    }

    private static func element(for letter: Character, count: Int) -> Element? {
        func digits(_ field: Field) -> Element? {
            count <= 2 ? .number(field, minDigits: count, maxDigits: 2) : nil
        }
        switch letter {
        case "y":
            return count == 2
                ? .number(.twoDigitYear, minDigits: 2, maxDigits: 2)
                : .number(.year, minDigits: min(count, 4), maxDigits: 4)
        case "M":
            switch count {
            case 1, 2: return digits(.month)
            case 3: return .monthName(abbreviated: true)
            case 4: return .monthName(abbreviated: false)
            default: return nil
            }
        case "d": return digits(.day)
        case "E": return count <= 4 ? .weekdayName(abbreviated: count < 4) : nil
        case "H": return digits(.hour24)
        case "h": return digits(.hour12)
        case "m": return digits(.minute)
        case "s": return digits(.second)
        case "S": return count <= 9 ? .fraction(digits: count) : nil
        case "a": return count <= 3 ? .dayPeriod : nil
        case "Z": return count <= 3 || count == 5 ? .offset : nil
        case "X", "x": return count <= 3 ? .offset : nil
        default: return nil
        }
    }
}
