import Hummingbird

/// `POST /-/reload`: what SIGHUP does, answered with the result: 200 `{"status": "reloaded", "goals"}`,
/// 422 with every error of an invalid configuration or rule file (the running ones stay), or 409 when
/// the new configuration moves the API or another reload is under way.
struct ReloadRoute {
    let daemon: Daemon

    func register(on routes: some RouterMethods<BasicRequestContext>) {
        routes.post("/-/reload") { [daemon] _, _ in
            switch await daemon.reload() {
            case .reloaded(let goals):
                return JSONResponse.make(["status": "reloaded", "goals": goals])
            case .invalid(let errors):
                throw APIError(
                    status: .unprocessableContent,
                    message: "reload refused, the running configuration stays: \(errors.errors.first?.description ?? "invalid configuration")",
                    details: ["errors": errors.errors.map(\.description)])
            case .conflict(let reason):
                throw APIError(status: .conflict, message: "reload refused: \(reason)")
            }
        }
    }
}
