import Hummingbird

/// `GET /healthz` (200 while the process serves) and `GET /readyz` (200 once the first evaluation has
/// finished, 503 before).
struct HealthRoutes {
    let view: DaemonView

    func register(on routes: some RouterMethods<BasicRequestContext>) {
        routes.get("/healthz") { _, _ in
            JSONResponse.make(["status": "ok"])
        }
        routes.get("/readyz") { [view] _, _ in
            guard let evaluation = view.current.lastEvaluation else {
                throw APIError(status: .serviceUnavailable, message: "not ready: the first evaluation has not finished yet")
            }
            return JSONResponse.make(["status": "ready", "last_evaluation": evaluation.at.rfc3339])
        }
    }
}
