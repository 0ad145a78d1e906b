import Foundation

/// What the decoders of one rule file share: the file's lines (to place errors found inside
/// expressions and templates) and the time zone calendar dates are days in.
struct RuleFileContext {
    var source: YAMLSource
    var timeZone: TimeZone

    /// An expression as parsed and as written.
    struct ParsedExpression {
        var expression: PromQL.Expression
        var text: String
    }

    /// The PromQL expression in `entry`'s value, type-checked to an instant vector or a scalar (the
    /// results a rule can have, as in Prometheus). A parse error is reported at the file position of
    /// the offending token.
    func expression(_ entry: YAMLEntry, reader: inout YAMLReader) -> ParsedExpression? {
        guard let scalar = reader.read({ () throws(InputError) -> ConfigScalar in
            try entry.value.scalar(expecting: "a PromQL expression")
        }) else { return nil }
        // The map back to the file is only needed, and so only built, for an error.
        let map = { ScalarSourceMap(scalar, in: source) }
        do {
            let expression = try PromQL.parse(scalar.text)
            guard expression.type == .instantVector || expression.type == .scalar else {
                let start = expression.range.start
                reader.report(InputError(
                    "expected an instant vector or a scalar as the result of '\(entry.key.text)', found \(expression.type)",
                    at: map().location(line: start.line, column: start.column)))
                return nil
            }
            return ParsedExpression(expression: expression, text: scalar.text)
        } catch {
            reader.report(map().locating(error))
            return nil
        }
    }

    /// The expression under `key`, which must be present.
    func requiredExpression(_ key: String, in mapping: YAMLMapping, what: String, reader: inout YAMLReader) -> ParsedExpression? {
        guard reader.required(key, in: mapping, what: what) != nil, let entry = mapping.entry(key) else { return nil }
        return expression(entry, reader: &reader)
    }

    /// A mapping of label or annotation names to templates (`{summary: "… {{ $value }}"}`); a template
    /// error is reported at its file position.
    func templates(_ node: YAMLNode, reader: inout YAMLReader) -> [String: AlertTemplate]? {
        guard let entries = reader.read({ () throws(InputError) -> [YAMLEntry] in try node.entries() }) else { return nil }
        var templates: [String: AlertTemplate] = [:]
        var failed = false
        for entry in entries {
            let name = reader.read { () throws(InputError) -> String in try entry.key.asNode.labelName() }
            let scalar: ConfigScalar? = entry.value.isNull
                ? ConfigScalar(text: "", location: entry.value.location)
                : reader.read { () throws(InputError) -> ConfigScalar in try entry.value.stringScalar() }
            guard let name, let scalar else {
                failed = true
                continue
            }
            // The template keeps its file position for errors while rendering; the parser counts a later
            // line's columns from the line's start, which the map corrects for errors found here.
            let map = ScalarSourceMap(scalar, in: source)
            let origin = map.location(line: 1, column: 1)
            do {
                templates[name] = try AlertTemplate(scalar.text, origin: origin)
            } catch {
                reader.report(map.locating(error, parsedFrom: origin))
                failed = true
            }
        }
        return failed ? nil : templates
    }

    /// A mapping of label names to values (`{team: care}`); an empty value (or none) is kept as empty,
    /// which removes the label where it is applied, as in Prometheus.
    ///
    /// - Parameter reserved: label names GoalWatch sets itself, each with the reason given when used.
    func labels(_ node: YAMLNode, reserved: [String: String] = [:], reader: inout YAMLReader) -> [String: String]? {
        guard let entries = reader.read({ () throws(InputError) -> [YAMLEntry] in try node.entries() }) else { return nil }
        var labels: [String: String] = [:]
        var failed = false
        for entry in entries {
            if let reason = reserved[entry.key.text] {
                reader.report(InputError("label '\(entry.key.text)' is \(reason); choose another name", at: entry.key.location))
                failed = true
                continue
            }
            let name = reader.read { () throws(InputError) -> String in try entry.key.asNode.labelName() }
            let value = entry.value.isNull
                ? ""
                : reader.read { () throws(InputError) -> String in try entry.value.stringScalar().text }
            guard let name, let value else {
                failed = true
                continue
            }
            labels[name] = value
        }
        return failed ? nil : labels
    }

    /// An instant written as a calendar date (its midnight in the evaluation time zone) or in RFC 3339.
    func instant(_ node: YAMLNode) throws(InputError) -> Timestamp {
        let expected = "a date such as 2026-01-01 or an RFC 3339 time such as 2026-01-01T09:00:00Z"
        let scalar = try node.scalar(expecting: expected)
        if let day = CalendarDay(scalar.text) { return day.midnight(in: timeZone) }
        if let instant = Timestamp(rfc3339: scalar.text) { return instant }
        throw InputError("expected \(expected)\(scalar.found)", at: node.location)
    }

    /// A calendar date (`2026-01-01`).
    func day(_ node: YAMLNode) throws(InputError) -> CalendarDay {
        let expected = "a date such as 2026-01-01"
        let scalar = try node.scalar(expecting: expected)
        guard let day = CalendarDay(scalar.text) else { throw InputError("expected \(expected)\(scalar.found)", at: node.location) }
        return day
    }

    /// The calendar day `instant` falls on in the evaluation time zone.
    func day(containing instant: Timestamp) -> CalendarDay {
        let seconds = instant.milliseconds.floorDivided(by: 1000).quotient
        let offset = Int64(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds))))
        let date = CivilDate.date(daysSinceEpoch: Int((seconds + offset).floorDivided(by: 86_400).quotient))
        return CalendarDay(year: date.year, month: date.month, day: date.day)
    }
}

extension ConfigScalar {
    /// The scalar as a node, to read a mapping key with the node accessors.
    var asNode: YAMLNode { YAMLNode(.scalar(self), at: location) }
}

/// Reading of the values only rule files have: numbers, shares, names.
extension YAMLNode {
    /// A finite number (`12000`, `-3.5`, `1e4`).
    func number() throws(InputError) -> Double {
        let scalar = try scalar(expecting: "a number")
        guard let value = Double(scalar.text), value.isFinite else {
            throw InputError("expected a number\(scalar.found)", at: location)
        }
        return value
    }

    /// A share from 0 to 1, written as a percentage (`5%`) or a fraction (`0.05`).
    ///
    /// - Parameter example: the two forms to show in the message, such as `"5% or 0.05"`.
    func share(example: String) throws(InputError) -> Double {
        let expected = "a share from 0 to 1 such as \(example)"
        let scalar = try scalar(expecting: expected)
        let text = scalar.text.trimmingWhitespace
        let value = text.hasSuffix("%")
            ? Double(String(text.dropLast()).trimmingWhitespace).map { $0 / 100 }
            : Double(text)
        guard let value, value >= 0, value <= 1 else {
            throw InputError("expected \(expected)\(scalar.found)", at: location)
        }
        return value
    }

    /// A name of letters, digits, `_`, `.`, `:` and `-` (goal names, which appear in URLs and commands).
    func identifier(expecting what: String) throws(InputError) -> String {
        let expected = "\(what) of letters, digits, '_', '.', ':' and '-'"
        let scalar = try scalar(expecting: expected)
        let valid = !scalar.text.isEmpty && scalar.text.unicodeScalars.allSatisfy {
            $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "_.:-".unicodeScalars.contains($0))
        }
        guard valid else { throw InputError("expected \(expected)\(scalar.found)", at: location) }
        return scalar.text
    }
}
