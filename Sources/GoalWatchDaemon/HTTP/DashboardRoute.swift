import GoalWatchCore
import GoalWatchStore
import Hummingbird
import NIOCore

/// `GET /`: the dashboard, one card per goal series with its figures and chart (``DashboardPage``).
///
/// Figures are those of the last evaluation; the charts' history is read from the store for each
/// request. The page's Content-Security-Policy allows no script and no external asset.
struct DashboardRoute {
    let view: DaemonView

    func register(on routes: some RouterMethods<BasicRequestContext>) {
        routes.get("/") { [view] _, _ in
            let state = view.current
            let page = DashboardPage(cards: try Self.cards(state, store: view.store), evaluatedAt: state.lastEvaluation?.at, version: view.version)
            return Response(
                status: .ok,
                headers: [
                    .contentType: "text/html; charset=utf-8",
                    .contentSecurityPolicy: "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
                ],
                body: ResponseBody(byteBuffer: ByteBuffer(string: page.html)))
        }
    }

    /// One card per goal series of the last evaluation, in rule-file order.
    private static func cards(_ state: DaemonViewState, store: MetricStore) throws -> [GoalCard] {
        guard let evaluation = state.lastEvaluation else { return [] }
        let configuration = state.setup.configuration
        let goals = state.setup.rules.flatMap(\.goals)
        let lookback = configuration.evaluation.lookback
        var series = SeriesSet()
        let windows = goals.flatMap { SelectorWindow.windows(of: $0.metric, from: $0.period.start, through: evaluation.at) }
        try store.loadHistory(windows, defaultLookback: lookback, into: &series)
        var cards: [GoalCard] = []
        for goal in goals {
            let histories = (try? goal.metricHistory(from: goal.period.start, through: evaluation.at, series: series, defaultLookback: lookback)) ?? []
            for report in evaluation.goals where report.goal == goal.name {
                let history = histories.first { $0.labels == report.labels }?.samples ?? []
                let chart = GoalChart(
                    report: report, history: history, pace: goal.target.isMaintain ? nil : goal.pace, at: evaluation.at,
                    timeZone: configuration.evaluation.timeZone)
                cards.append(GoalCard(goal: goal, report: report, chart: chart))
            }
        }
        return cards
    }
}
