/// Compares a goal's figures and state with a `goal_test`; its `labels` pick the one scope carrying them.
enum GoalTestCheck {
    static func compare(_ test: GoalTest, reports: [GoalReport], prefix: String) -> [String] {
        let header = "\(prefix)    goal: \(test.goal), time: \(test.evalTime)"
        let scope = Labels(test.labels)
        let matching = reports.filter { report in
            report.goal == test.goal && test.labels.allSatisfy { report.labels[$0.key] == $0.value }
        }
        if matching.count > 1 {
            return ["\(header), labels: \(scope)\n        several scopes match (\(matching.map(\.labels.description).joined(separator: ", "))): add labels to pick one"]
        }
        guard let report = matching.first else {
            let known = reports.filter { $0.goal == test.goal }.map(\.labels.description)
            let scopes = known.isEmpty ? "no goal of that name" : "scopes: \(known.joined(separator: ", "))"
            return ["\(header), labels: \(scope)\n        no such goal scope (\(scopes))"]
        }
        var mismatches: [String] = []
        if let state = test.expectedState, state != report.assessment.state {
            mismatches.append("state: exp \(state.rawValue), got \(report.assessment.state.rawValue)")
        }
        for figure in test.expectedFigures {
            let actual = figure.actual(report.assessment)
            if !figure.expected.matches(actual) {
                mismatches.append("\(figure.key.dropFirst(4)): exp \(figure.expected), got \(actual.map(PromQL.formatNumber) ?? "none")")
            }
        }
        guard !mismatches.isEmpty else { return [] }
        return ["\(header), labels: \(scope)\n" + mismatches.map { "        \($0)" }.joined(separator: "\n")]
    }
}
