import Foundation
import GoalWatchCore
import Testing

@testable import GoalWatchNotify

@Suite("A real Alertmanager accepts the API payload and sends the webhook GoalWatch imitates",
       .enabled(if: RealAlertmanager.isInstalled, RealAlertmanager.missing))
struct PayloadAlertmanagerOracleTests {
    /// Receives one webhook on 127.0.0.1:<argv[1]>, writes its body to argv[2] and exits (or exits after 20 s).
    static let hookServer = """
        import http.server, sys, threading
        class Hook(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                open(sys.argv[2], "wb").write(self.rfile.read(int(self.headers["Content-Length"])))
                self.send_response(200)
                self.end_headers()
                threading.Thread(target=server.shutdown, daemon=True).start()
            def log_message(self, *args):
                pass
        server = http.server.HTTPServer(("127.0.0.1", int(sys.argv[1])), Hook)
        timer = threading.Timer(20, server.shutdown)
        timer.daemon = True
        timer.start()
        server.serve_forever()
        """

    @Test("Alertmanager takes GoalWatch's postable alerts, and its webhook has the keys and alert fields GoalWatch's webhook payload has")
    func roundTrip() throws {
        let hookPort = try #require(try RealAlertmanager.freePorts(1).first)
        let alertmanager = try RealAlertmanager(configuration: """
            route: {receiver: hook, group_by: ['...'], group_wait: 0s}
            receivers: [{name: hook, webhook_configs: [{url: 'http://127.0.0.1:\(hookPort)/'}]}]
            """)
        defer { alertmanager.stop() }
        let folder = alertmanager.folder
        let hook = Process()
        hook.executableURL = URL(fileURLWithPath: Helper.python)
        hook.arguments = ["-c", Self.hookServer, String(hookPort), folder.appendingPathComponent("webhook.json").path]
        try hook.run()
        defer { if hook.isRunning { hook.terminate() } }
        let base = alertmanager.base

        // A goal alert that began ten minutes ago: Alertmanager keeps only alerts whose lease lies ahead.
        let now = Timestamp(milliseconds: Int64(Date().timeIntervalSince1970 * 1000))
        var notification = PayloadFixtures.firingGoal
        notification.createdAt = now
        notification.alerts[0].startsAt = now - .minutes(10)
        let posted = AlertmanagerAPIPayload(evaluationInterval: .minutes(1)).render(notification, at: now)
        let postFile = folder.appendingPathComponent("post.json")
        try Data(posted.bytes).write(to: postFile)
        let post = try Helper.run([
            "/usr/bin/curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "-X", "POST", "-H", "Content-Type: \(posted.contentType)",
            "--data-binary", "@\(postFile.path)", "\(base)/api/v2/alerts",
        ])
        #expect(post.output == "200", "Alertmanager refused the postable alerts: HTTP \(post.output)")

        hook.waitUntilExit()
        let received = try Data(contentsOf: folder.appendingPathComponent("webhook.json"))
        let real = try #require(try JSONSerialization.jsonObject(with: received) as? [String: Any])
        let ours = try Decoded.object(AlertmanagerWebhookPayload().render(notification, at: now))
        // Alertmanager before 0.32 has no notification_reason; GoalWatch sends it as newer ones do.
        #expect(Set(real.keys).subtracting(ours.keys).isEmpty)
        #expect(Set(ours.keys).subtracting(real.keys).subtracting(["notification_reason"]).isEmpty)
        let realAlert = try #require(try real.objects("alerts").first)
        let ourAlert = try #require(try ours.objects("alerts").first)
        #expect(Set(realAlert.keys) == Set(ourAlert.keys))
        for key in ["status", "startsAt", "endsAt", "generatorURL"] {
            #expect(try realAlert.string(key) == ourAlert.string(key), "alert \(key)")
        }
        #expect(try realAlert.strings("labels") == ourAlert.strings("labels"))
        #expect(try realAlert.strings("annotations") == ourAlert.strings("annotations"))
        #expect(try real.strings("commonAnnotations") == ours.strings("commonAnnotations"))
        #expect(try real.string("status") == "firing")
        #expect(try real.string("version") == "4")
    }
}
