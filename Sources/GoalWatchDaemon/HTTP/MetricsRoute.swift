import Hummingbird
import NIOCore

/// `GET /metrics`: the daemon's metrics in Prometheus' text format 0.0.4.
struct MetricsRoute {
    let view: DaemonView

    func register(on routes: some RouterMethods<BasicRequestContext>) {
        routes.get("/metrics") { [view] _, _ in
            let text = DaemonMetrics.exposition(of: view.current, outboxDepth: try? view.store.outboxDepth(), version: view.version)
            return Response(
                status: .ok, headers: [.contentType: PrometheusText.contentType], body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
        }
    }
}
