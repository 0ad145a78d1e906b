/// Reads a goal's time-related values: `period`, `baseline` and `pace`.
struct GoalPeriodDecoder {
    var context: RuleFileContext

    /// A period and the calendar days it runs over (both inclusive), for messages.
    struct DecodedPeriod {
        var period: GoalPeriod
        var first: CalendarDay
        var last: CalendarDay
    }

    static let periodForms = "{start: 2026-01-01, end: 2026-03-31}, {quarter: 2026Q1} or {month: 2026-02}"

    /// `{start, end}` (calendar dates, end inclusive), `{quarter: 2026Q1}` or `{month: 2026-02}`.
    func period(_ node: YAMLNode, reader: inout YAMLReader) -> DecodedPeriod? {
        guard case .mapping = node.content else {
            reader.report(InputError("expected a period as \(Self.periodForms)\(node.found)", at: node.location))
            return nil
        }
        guard let mapping = reader.mapping(node, allowedKeys: ["start", "end", "quarter", "month"]) else { return nil }
        // Each form by the first of its keys present; a second form is refused at its key.
        let forms = mapping.entries.filter { ["start", "end", "quarter", "month"].contains($0.key.text) }
        var seen: [String: YAMLEntry] = [:]
        for entry in forms {
            let form = entry.key.text == "end" ? "start" : entry.key.text
            if let other = seen.values.first(where: { ($0.key.text == "end" ? "start" : $0.key.text) != form }) {
                reader.report(InputError(
                    "key '\(entry.key.text)' cannot be combined with '\(other.key.text)': a period is \(Self.periodForms)",
                    at: entry.key.location))
                return nil
            }
            seen[form] = seen[form] ?? entry
        }
        let result: GoalPeriod?
        if mapping.entry("quarter") != nil {
            result = reader.read(reader.required("quarter", in: mapping, what: "a quarter such as 2026Q1")) { node throws(InputError) in
                let scalar = try node.scalar(expecting: "a quarter such as 2026Q1")
                return try located(at: node) { () throws(InputError) in try GoalPeriod.quarter(scalar.text, in: context.timeZone) }
            }
        } else if mapping.entry("month") != nil {
            result = reader.read(reader.required("month", in: mapping, what: "a month such as 2026-02")) { node throws(InputError) in
                let scalar = try node.scalar(expecting: "a month such as 2026-02")
                return try located(at: node) { () throws(InputError) in try GoalPeriod.month(scalar.text, in: context.timeZone) }
            }
        } else if forms.isEmpty {
            // Unknown keys were reported already; an empty mapping says nothing else.
            guard mapping.entries.isEmpty else { return nil }
            reader.report(InputError("expected a period as \(Self.periodForms), found an empty mapping", at: mapping.location))
            return nil
        } else {
            let start = reader.read(reader.required("start", in: mapping, what: "the period's first day, such as 2026-01-01")) {
                node throws(InputError) in try context.day(node)
            }
            let endNode = reader.required("end", in: mapping, what: "the period's last day (inclusive), such as 2026-03-31")
            let end = reader.read(endNode) { node throws(InputError) in try context.day(node) }
            guard let start, let end, let endNode else { return nil }
            result = reader.read { () throws(InputError) -> GoalPeriod in
                try located(at: endNode) { () throws(InputError) in try GoalPeriod.days(from: start, through: end, in: context.timeZone) }
            }
        }
        guard let result else { return nil }
        return DecodedPeriod(
            period: result, first: context.day(containing: result.start),
            last: context.day(containing: result.end - TimeSpan(milliseconds: 1)))
    }

    /// `{at: date-or-RFC3339}` or `{value: N}`.
    func baseline(_ node: YAMLNode, reader: inout YAMLReader) -> GoalBaseline? {
        let forms = "{at: 2026-01-01} or {value: 12000}"
        guard case .mapping = node.content else {
            reader.report(InputError("expected a baseline as \(forms)\(node.found)", at: node.location))
            return nil
        }
        guard let mapping = reader.mapping(node, allowedKeys: ["at", "value"]) else { return nil }
        if let at = mapping.entry("at"), let value = mapping.entry("value") {
            let second = at.key.location.line > value.key.location.line ? at : value
            let first = second == at ? value : at
            reader.report(InputError(
                "key '\(second.key.text)' cannot be combined with '\(first.key.text)': a baseline is \(forms)", at: second.key.location))
            return nil
        }
        if mapping.entry("at") != nil {
            return reader.read(reader.required("at", in: mapping, what: "a date such as 2026-01-01 or an RFC 3339 time")) {
                node throws(InputError) in .at(try context.instant(node))
            }
        }
        if mapping.entry("value") != nil {
            return reader.read(reader.required("value", in: mapping, what: "a number such as 12000")) {
                node throws(InputError) in .value(try node.number())
            }
        }
        reader.report(InputError("expected a baseline as \(forms), found an empty mapping", at: mapping.location))
        return nil
    }

    /// `linear`, `compound` or `{milestones: [{at: date, value: N}, …]}`, milestones strictly inside the
    /// period and in time order.
    func pace(_ node: YAMLNode, period: DecodedPeriod, reader: inout YAMLReader) -> GoalPace? {
        let expected = "linear, compound or {milestones: [{at: 2026-02-01, value: 13000}, …]}"
        if let scalar = node.scalar {
            switch scalar.text {
            case "linear": return .linear
            case "compound": return .compound
            default:
                var message = "expected \(expected)\(scalar.found)"
                if let suggestion = KeySuggestion.closest(to: scalar.text, among: ["linear", "compound", "milestones"]) {
                    message += " (did you mean '\(suggestion)'?)"
                }
                reader.report(InputError(message, at: node.location))
                return nil
            }
        }
        guard case .mapping = node.content else {
            reader.report(InputError("expected \(expected)\(node.found)", at: node.location))
            return nil
        }
        guard let mapping = reader.mapping(node, allowedKeys: ["milestones"]),
              let list = reader.required("milestones", in: mapping, what: "a list of {at: date, value: number}")
        else { return nil }
        var previous: Timestamp?
        let milestones = reader.list(list) { reader, item -> GoalPace.Milestone? in
            guard let point = reader.mapping(item, allowedKeys: ["at", "value"]) else { return nil }
            let atNode = reader.required("at", in: point, what: "a date inside the period, such as 2026-02-01")
            let at = reader.read(atNode) { node throws(InputError) in try context.instant(node) }
            let value = reader.read(reader.required("value", in: point, what: "the value expected by then")) {
                node throws(InputError) in try node.number()
            }
            guard let at, let atNode, let value else { return nil }
            guard at > period.period.start, at < period.period.end else {
                reader.report(InputError(
                    "expected a milestone inside the period (\(period.first) to \(period.last)), found \(quoted(atNode.scalar?.text ?? ""))",
                    at: atNode.location))
                return nil
            }
            if let previous, at <= previous {
                reader.report(InputError(
                    "expected milestones in time order, found \(quoted(atNode.scalar?.text ?? "")) after a later or equal one",
                    at: atNode.location))
                return nil
            }
            previous = at
            return GoalPace.Milestone(at: at, value: value)
        }
        guard let milestones else { return nil }
        guard !milestones.isEmpty else {
            reader.report(InputError("expected at least one milestone, found an empty list", at: list.location))
            return nil
        }
        return .milestones(milestones)
    }

    /// Runs `make`, placing an error it throws without a position at `node`.
    private func located<T>(at node: YAMLNode, _ make: () throws(InputError) -> T) throws(InputError) -> T {
        do {
            return try make()
        } catch {
            throw InputError(error.message, at: error.location ?? node.location)
        }
    }
}
