import GoalWatchCore

/// A plain-text table with aligned columns, for people reading a terminal.
struct TextTable {
    var header: [String]
    var rows: [[String]]
    /// Indices of columns aligned to the right (numbers).
    var rightAligned: Set<Int> = []

    var rendered: String {
        var widths = header.map(\.count)
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], cell.count)
            }
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                let padding = String(repeating: " ", count: max(0, widths[index] - cell.count))
                if index == cells.count - 1 && !rightAligned.contains(index) { return cell }
                return rightAligned.contains(index) ? padding + cell : cell + padding
            }.joined(separator: "  ") + "\n"
        }
        return ([header] + rows).map(line).joined()
    }
}

/// Number formatting for people.
enum ValueFormat {
    /// Whole numbers without a fraction (`12040`), others as Swift prints them (`0.0431`), `+Inf`, `-Inf`, `NaN`.
    static func plain(_ value: Double) -> String {
        guard value.isFinite else { return PromQL.formatNumber(value) }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }

    /// Whole from 1,000 on, else up to four significant digits: `16037`, `556.6`, `0.0431`.
    static func short(_ value: Double) -> String {
        guard value.isFinite else { return PromQL.formatNumber(value) }
        if abs(value) >= 1000, abs(value) < 1e15 { return String(Int64(value.rounded())) }
        return String(format: "%.4g", value)
    }
}
