import GoalWatchCore
import Hummingbird

/// The routes of the HTTP API (docs/http-api.md), each group in its own type: reads open to anyone who
/// can reach the socket, changes behind the bearer token, every error as JSON.
enum APIRouter {
    static func make(daemon: Daemon) -> Router<BasicRequestContext> {
        let view = daemon.view
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: JSONErrorMiddleware(maxBody: { view.current.setup.configuration.http?.maxBody ?? HTTPConfiguration.defaultMaxBody }))
        let changes = router.group().add(middleware: BearerTokenMiddleware(token: { view.current.setup.configuration.http?.token }))
        HealthRoutes(view: view).register(on: router)
        MetricsRoute(view: view).register(on: router)
        AlertRoutes(view: view).register(on: router)
        GoalRoutes(view: view).register(on: router)
        RuleRoutes(view: view).register(on: router)
        SilenceRoutes(view: view).register(reads: router, changes: changes)
        SnapshotRoutes(view: view).register(on: changes)
        ReloadRoute(daemon: daemon).register(on: changes)
        DashboardRoute(view: view).register(on: router)
        return router
    }
}
