import Foundation

/// Reads `alerting.time_intervals`: named lists of time intervals, with Alertmanager's syntax.
struct TimeIntervalDecoder {
    /// The zone of intervals without `location:`: the configuration's `evaluation.timezone`.
    var defaultLocation: TimeZone

    static let specKeys = ["times", "weekdays", "days_of_month", "months", "years", "location"]
    static let weekdayNames = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"]
    static let monthNames = [
        "january", "february", "march", "april", "may", "june",
        "july", "august", "september", "october", "november", "december",
    ]

    /// The named sets, by name; a repeated name is reported at its second use.
    func sets(_ node: YAMLNode, reader: inout YAMLReader) -> [String: TimeIntervalSet] {
        var sets: [String: TimeIntervalSet] = [:]
        var firstUse: [String: SourceLocation] = [:]
        _ = reader.list(node) { reader, item -> Void? in
            guard let mapping = reader.mapping(item, allowedKeys: ["name", "time_intervals"]) else { return nil }
            let name = reader.read(reader.required("name", in: mapping, what: "the time interval's name, such as business-hours")) {
                node throws(InputError) in try node.nonEmptyString(expecting: "a time interval name such as business-hours")
            }
            let intervals = reader.required("time_intervals", in: mapping, what: "a list of time intervals, such as [{weekdays: ['monday:friday']}]")
                .flatMap { node in reader.list(node) { reader, item in spec(item, reader: &reader) } }
            guard let name, let nameNode = mapping["name"] else { return nil }
            if let first = firstUse[name] {
                reader.report(InputError(
                    "duplicate time interval name '\(name)': it is already the name of the time interval at line \(first.line); names must be unique",
                    at: nameNode.location))
                return nil
            }
            firstUse[name] = nameNode.location
            sets[name] = TimeIntervalSet(name: name, intervals: intervals ?? [])
            return ()
        }
        return sets
    }

    /// One interval: `{times: [...], weekdays: [...], days_of_month: [...], months: [...], years: [...], location: ...}`.
    func spec(_ node: YAMLNode, reader: inout YAMLReader) -> TimeIntervalSpec? {
        let olderName = ["time_zone": "key 'time_zone' is the older name of 'location' in Alertmanager; write location: instead"]
        guard let mapping = reader.mapping(node, allowedKeys: Self.specKeys, misplacedKeys: olderName) else { return nil }
        var spec = TimeIntervalSpec(location: defaultLocation)
        spec.times = field("times", of: mapping, what: "time range", reader: &reader) { node throws(InputError) in try timeRange(node) }
        spec.weekdays = field("weekdays", of: mapping, what: "weekday", reader: &reader) { node throws(InputError) in try weekdays(node) }
        spec.daysOfMonth = field("days_of_month", of: mapping, what: "day of the month", reader: &reader) { node throws(InputError) in
            try daysOfMonth(node)
        }
        spec.months = field("months", of: mapping, what: "month", reader: &reader) { node throws(InputError) in try months(node) }
        spec.years = field("years", of: mapping, what: "year", reader: &reader) { node throws(InputError) in try years(node) }
        if let zone = reader.read(mapping["location"], { node throws(InputError) in try node.timeZone() }) {
            spec.location = zone
        }
        return spec
    }

    /// The items of the list under `key`, each read by `item`. An empty list is refused: in
    /// Alertmanager it matches nothing, which is never what was meant.
    private func field<T>(
        _ key: String, of mapping: YAMLMapping, what: String, reader: inout YAMLReader,
        _ item: (YAMLNode) throws(InputError) -> T
    ) -> [T] {
        guard let node = mapping[key] else { return [] }
        if case .sequence(let items) = node.content, items.isEmpty {
            reader.report(InputError("expected at least one \(what) in '\(key)', found an empty list; leave '\(key)' out to allow any", at: node.location))
            return []
        }
        return reader.list(node) { reader, element in reader.read { () throws(InputError) -> T in try item(element) } } ?? []
    }

    /// `{start_time: '08:00', end_time: '20:00'}`: start included, end excluded; the end may be `24:00`.
    private func timeRange(_ node: YAMLNode) throws(InputError) -> TimeOfDayRange {
        let entries = try node.entries()
        for entry in entries where entry.key.text != "start_time" && entry.key.text != "end_time" {
            throw YAMLReader.unknownKey(entry.key, allowedKeys: ["start_time", "end_time"])
        }
        func time(_ key: String) throws(InputError) -> (minute: Int, node: YAMLNode) {
            guard let value = entries.first(where: { $0.key.text == key })?.value, !value.isNull else {
                throw InputError("missing key '\(key)': expected a time of day such as 08:00", at: node.location)
            }
            return (try minuteOfDay(value), value)
        }
        let start = try time("start_time")
        let end = try time("end_time")
        guard start.minute < end.minute else {
            throw InputError(
                "expected an end time after the start time \(Self.clock(start.minute))\(end.node.found) (a range cannot pass midnight: write two ranges, up to 24:00 and from 00:00)",
                at: end.node.location)
        }
        return TimeOfDayRange(startMinute: start.minute, endMinute: end.minute)
    }

    /// `HH:MM` from 00:00 to 23:59, or 24:00, as minutes since midnight.
    private func minuteOfDay(_ node: YAMLNode) throws(InputError) -> Int {
        let expected = "a time of day HH:MM from 00:00 to 24:00, such as 08:00"
        let scalar = try node.scalar(expecting: expected)
        let digits = Array(scalar.text.utf8)
        guard digits.count == 5, digits[2] == UInt8(ascii: ":"),
              let hours = Int(String(scalar.text.prefix(2))), let minutes = Int(String(scalar.text.suffix(2))),
              digits[0..<2].allSatisfy({ (0x30...0x39).contains($0) }), digits[3..<5].allSatisfy({ (0x30...0x39).contains($0) }),
              (hours < 24 && minutes < 60) || (hours == 24 && minutes == 0)
        else { throw InputError("expected \(expected)\(scalar.found)", at: node.location) }
        return hours * 60 + minutes
    }

    static func clock(_ minute: Int) -> String {
        let hours = minute / 60
        let minutes = minute % 60
        return (hours < 10 ? "0" : "") + "\(hours):" + (minutes < 10 ? "0" : "") + "\(minutes)"
    }

    /// `monday` or `monday:friday`, names in any case; 0 is Sunday.
    private func weekdays(_ node: YAMLNode) throws(InputError) -> InclusiveRange {
        let range = try parts(node, expected: "a weekday or a range of weekdays such as monday or monday:friday") { part throws(InputError) in
            guard let day = Self.weekdayNames.firstIndex(of: part.lowercased()) else {
                throw Self.unknownName(part, kind: "weekday", names: Self.weekdayNames, at: node)
            }
            return day
        }
        guard range.first <= range.last else {
            let parts = Self.parts(ofWrapping: range.first, range.last, names: Self.weekdayNames, offset: 0)
            throw InputError(
                "expected a range of weekdays from sunday to saturday, found \(range.written) (a range cannot wrap around the week: list its parts, \(parts))",
                at: node.location)
        }
        return range.value
    }

    /// `1`, `1:15`, `-1`, `-7:-1`, `20:-1`: 1 … 31 or -31 … -1 (from the month's end), with Alertmanager's checks.
    private func daysOfMonth(_ node: YAMLNode) throws(InputError) -> InclusiveRange {
        let expected = "a day of the month or a range such as 1, 1:15 or -1 (the last day)"
        let range = try parts(node, expected: expected) { part throws(InputError) in
            guard let day = Int(part), day != 0, (-31...31).contains(day) else {
                throw InputError("expected a day of the month from 1 to 31, or from -31 to -1 counting from the month's end, found \(quoted(part))", at: node.location)
            }
            return day
        }
        let (first, last) = (range.first, range.last)
        if first < 0, last > 0 {
            throw InputError(
                "expected the range's end to count from the month's end too, found \(range.written) (a range that starts from the month's end must end there: such as -7:-1)",
                at: node.location)
        }
        // Negative days are checked against the shortest month (28 days), as Alertmanager does.
        if (first < 0 ? 28 + first : first) > (last < 0 ? 28 + last : last) {
            throw InputError("expected a range whose first day comes before its last, found \(range.written)", at: node.location)
        }
        return range.value
    }

    /// `march`, `1`, `january:march`, `10:12`, names in any case.
    private func months(_ node: YAMLNode) throws(InputError) -> InclusiveRange {
        let range = try parts(node, expected: "a month or a range of months such as march, 3 or january:march") { part throws(InputError) in
            if let month = Self.monthNames.firstIndex(of: part.lowercased()) { return month + 1 }
            if let number = Int(part), (1...12).contains(number) { return number }
            throw Self.unknownName(part, kind: "month", names: Self.monthNames, at: node, numbers: " or a number from 1 to 12")
        }
        guard range.first <= range.last else {
            let parts = Self.parts(ofWrapping: range.first, range.last, names: Self.monthNames, offset: 1)
            throw InputError(
                "expected a range of months within a year, found \(range.written) (a range cannot wrap around the year: list its parts, \(parts))",
                at: node.location)
        }
        return range.value
    }

    /// `2026` or `2026:2028`.
    private func years(_ node: YAMLNode) throws(InputError) -> InclusiveRange {
        let range = try parts(node, expected: "a year or a range of years such as 2026 or 2026:2028") { part throws(InputError) in
            guard let year = Int(part), year > 0 else {
                throw InputError("expected a year such as 2026, found \(quoted(part))", at: node.location)
            }
            return year
        }
        guard range.first <= range.last else {
            throw InputError("expected a range of years whose first year comes before its last, found \(range.written)", at: node.location)
        }
        return range.value
    }

    /// A value or a `first:last` range, each end read by `member`.
    private func parts(
        _ node: YAMLNode, expected: String, member: (String) throws(InputError) -> Int
    ) throws(InputError) -> (value: InclusiveRange, first: Int, last: Int, written: String) {
        let scalar = try node.scalar(expecting: expected)
        let pieces = scalar.text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard pieces.count <= 2, !scalar.isSecret else { throw InputError("expected \(expected)\(scalar.found)", at: node.location) }
        let first = try member(pieces[0])
        let last = pieces.count == 2 ? try member(pieces[1]) : first
        return (InclusiveRange(first, last), first, last, quoted(scalar.text))
    }

    /// The two ranges a range that wraps past the last name stands for: `[friday:saturday, sunday:monday]`.
    /// `offset` is the number of the first name (0 for weekdays, 1 for months).
    private static func parts(ofWrapping first: Int, _ last: Int, names: [String], offset: Int) -> String {
        func range(_ from: Int, _ to: Int) -> String {
            from == to ? names[from - offset] : "\(names[from - offset]):\(names[to - offset])"
        }
        return "[\(range(first, names.count - 1 + offset)), \(range(offset, last))]"
    }

    private static func unknownName(_ part: String, kind: String, names: [String], at node: YAMLNode, numbers: String = "") -> InputError {
        var message = "expected a \(kind) name (\(names.first ?? "") … \(names.last ?? ""))\(numbers), found \(quoted(part))"
        if let suggestion = KeySuggestion.closest(to: part, among: names) { message += " (did you mean '\(suggestion)'?)" }
        return InputError(message, at: node.location)
    }
}
