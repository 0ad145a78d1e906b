import Hummingbird

/// `GET /api/v1/goals`: every goal series' figures and state at the last evaluation, in the shape of
/// `goalwatch goals --format json`; 503 before the first evaluation.
struct GoalRoutes {
    let view: DaemonView

    func register(on routes: some RouterMethods<BasicRequestContext>) {
        routes.get("/api/v1/goals") { [view] _, _ in
            guard let evaluation = view.current.lastEvaluation else {
                throw APIError(status: .serviceUnavailable, message: "no goal figures yet: the first evaluation has not finished")
            }
            return JSONResponse.make(GoalsJSON.document(at: evaluation.at, goals: evaluation.goals))
        }
    }
}
