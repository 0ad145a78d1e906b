import Hummingbird

/// `GET /api/v1/alerts`: the pending and firing alerts after the last evaluation, in Prometheus'
/// shape, `{"status": "success", "data": {"alerts": […]}}`.
struct AlertRoutes {
    let view: DaemonView

    func register(on routes: some RouterMethods<BasicRequestContext>) {
        routes.get("/api/v1/alerts") { [view] _, _ in
            JSONResponse.make(["status": "success", "data": ["alerts": view.current.activeAlerts.map(AlertJSON.alert)]])
        }
    }
}
