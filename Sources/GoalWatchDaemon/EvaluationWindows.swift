import GoalWatchCore

extension Array where Element == RuleFile {
    /// Every selector window the rules and goals of these files read when evaluated at instants from
    /// `start` through `end`: what must be loaded from the store before evaluating.
    public func selectorWindows(from start: Timestamp, through end: Timestamp) -> [SelectorWindow] {
        var windows: [SelectorWindow] = []
        for group in flatMap(\.groups) {
            let offset = group.queryOffset ?? TimeSpan(milliseconds: 0)
            for rule in group.rules {
                switch rule {
                case .recording(let recording):
                    windows += SelectorWindow.windows(of: recording.expression, from: start - offset, through: end - offset)
                case .alerting(let alerting):
                    for expression in [alerting.expression] + (alerting.recoverWhen.map { [$0] } ?? []) {
                        windows += SelectorWindow.windows(of: expression, from: start - offset, through: end - offset)
                    }
                }
            }
        }
        for goal in flatMap(\.goals) {
            windows += SelectorWindow.windows(of: goal.metric, from: goal.historyStart(at: start), through: end)
        }
        return windows
    }
}
