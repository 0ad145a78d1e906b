import Foundation
import GoalWatchCore
import Testing

@testable import GoalWatchNotify

@Suite("Generic payload (GoalWatch JSON v1)")
struct PayloadGenericTests {
    let renderer = GenericPayload()

    func render(_ notification: Notification) throws -> [String: Any] {
        try Decoded.object(renderer.render(notification, at: PayloadFixtures.created))
    }

    @Test("a firing goal alert carries the notification's fields, its goal block and a dashboard link")
    func firingGoal() throws {
        let body = renderer.render(PayloadFixtures.firingGoal, at: PayloadFixtures.created)
        #expect(body.contentType == "application/json")
        #expect(body.headers.isEmpty)
        let json = try Decoded.object(body)
        #expect(try json.string("version") == "1")
        #expect(try json.string("receiver") == "marketing-oncall")
        #expect(try json.string("status") == "firing")
        #expect(try json.string("reason") == "first notification")
        #expect(try json.string("groupKey") == "{}:{alertname=\"GoalBehindPace\", goal=\"instagram_followers_q1\"}")
        #expect(try json.strings("groupLabels") == ["alertname": "GoalBehindPace", "goal": "instagram_followers_q1"])
        #expect(try json.strings("commonLabels")["severity"] == "warning")
        #expect(try json.strings("commonAnnotations")["runbook_url"] == "https://wiki.example/goals")
        #expect(try json.string("externalURL") == "https://goalwatch.example")
        let alert = try #require(try json.objects("alerts").first)
        #expect(try alert.string("status") == "firing")
        #expect(try alert.string("startsAt") == "2026-03-14T06:55:00Z")
        #expect(alert["endsAt"] is NSNull)
        #expect(try alert.number("value") == 0.3958)
        #expect(try alert.string("fingerprint") == "a1b2c3d4e5f60718")
        #expect(try alert.string("dashboardURL") == "https://goalwatch.example/#goal=instagram_followers_q1")
        let goal = try alert.object("goal")
        #expect(try goal.string("name") == "instagram_followers_q1")
        #expect(try goal.string("state") == "behind_pace")
        #expect(try goal.number("value") == 12_950)
        #expect(try goal.number("baseline") == 12_000)
        #expect(try goal.number("target") == 14_400)
        #expect(try goal.number("progress") == 0.3958)
        #expect(try goal.number("expected") == 0.6)
        #expect(try goal.number("forecast") == 14_120.4)
        #expect(try goal.number("required_rate") == 84.6)
        #expect(try goal.string("deadline") == "2026-04-01T00:00:00Z")
    }

    @Test("a resolved alert has its end time; an alert without a goal has no goal block or dashboard link")
    func resolvedPlain() throws {
        let json = try render(PayloadFixtures.resolved)
        #expect(try json.string("status") == "resolved")
        #expect(try json.string("reason") == "all alerts resolved")
        for alert in try json.objects("alerts") {
            #expect(try alert.string("endsAt") == "2026-03-14T09:00:00Z")
            #expect(alert["goal"] == nil)
            #expect(alert["dashboardURL"] == nil)
            #expect(try alert.string("generatorURL") == "https://goalwatch.example/rules#SlowFirstResponse")
        }
    }

    @Test("NaN and infinite values are strings; unicode, quotes and empty annotations survive; no externalURL key without one")
    func oddValues() throws {
        let json = try render(PayloadFixtures.odd)
        #expect(json["externalURL"] == nil)
        let alerts = try json.objects("alerts")
        #expect(try alerts[0].string("value") == "NaN")
        #expect(try alerts[1].string("value") == "-Inf")
        #expect(try alerts[0].strings("labels")["alertname"] == "Ödd \"quoted\" <alert> & co")
        #expect(try alerts[0].strings("labels")["account"] == "café 🎯\n\\x")
        #expect(try alerts[0].strings("labels")["empty"] == "")
        #expect(try alerts[0].strings("annotations").isEmpty)
        #expect(try alerts[0].string("startsAt") == "2026-03-14T09:00:00.12Z")
        #expect(try json.strings("commonLabels") == ["alertname": "Ödd \"quoted\" <alert> & co"])
    }

    @Test("a notification without alerts is a resolved body with an empty alerts array")
    func noAlerts() throws {
        let json = try render(PayloadFixtures.empty)
        #expect(try json.array("alerts").isEmpty)
        #expect(try json.strings("commonLabels").isEmpty)
        #expect(try json.string("status") == "resolved")
    }

    @Test("the same notification renders to the same bytes, keys sorted at every level")
    func reproducible() throws {
        let notification = PayloadFixtures.firingGoal
        let first = renderer.render(notification, at: PayloadFixtures.created).bytes
        let later = renderer.render(notification, at: PayloadFixtures.created + .hours(3)).bytes
        #expect(first == later)
        // Python re-serializing with sorted keys and no spaces gives back the very same bytes.
        let (status, output) = try Helper.run(
            [Helper.python, "-c", "import json,sys; sys.stdout.write(json.dumps(json.load(sys.stdin), sort_keys=True, separators=(',', ':'), ensure_ascii=False))"],
            input: first)
        #expect(status == 0, "\(output)")
        #expect(output == String(decoding: first, as: UTF8.self))
    }

    @Test("the dashboard link percent-encodes the goal name and ignores a trailing slash on externalURL")
    func dashboardLink() {
        #expect(DashboardLink.goal("ig followers/q1", externalURL: "https://gw.example/") == "https://gw.example/#goal=ig%20followers%2Fq1")
        #expect(DashboardLink.goal("x", externalURL: "") == nil)
        #expect(DashboardLink.goal("x", externalURL: nil) == nil)
    }
}

@Suite("Generic payload against its JSON Schema", .enabled(if: Helper.hasJSONSchema, "python3-jsonschema is not installed (scripts/install-deps.sh --test-oracles installs it)"))
struct PayloadSchemaTests {
    static let schema = Helper.repositoryRoot.appendingPathComponent("docs/schemas/goalwatch-notification-v1.schema.json").path

    /// Validates each document (one per line on standard input) against the schema with Draft 2020-12;
    /// prints `ok` or the first error per document.
    static let validator = """
        import json, sys, jsonschema
        schema = json.load(open(sys.argv[1]))
        jsonschema.Draft202012Validator.check_schema(schema)
        validator = jsonschema.Draft202012Validator(schema)
        for line in sys.stdin:
            errors = sorted(validator.iter_errors(json.loads(line)), key=lambda e: list(e.path))
            print("ok" if not errors else "invalid at /" + "/".join(map(str, errors[0].path)) + ": " + errors[0].message)
        """

    func validate(_ documents: [[UInt8]]) throws -> [String] {
        let input = documents.flatMap { $0 + [UInt8(ascii: "\n")] }
        let (status, output) = try Helper.run([Helper.python, "-c", Self.validator, Self.schema], input: input)
        #expect(status == 0, "\(output)")
        return output.split(separator: "\n").map(String.init)
    }

    @Test("every rendered notification is valid: firing, resolved, with and without a goal, odd values, none, many")
    func renderedBodiesAreValid() throws {
        let cases = PayloadFixtures.all
        let results = try validate(cases.map { GenericPayload().render($0.1, at: PayloadFixtures.created).bytes })
        #expect(results.count == cases.count)
        for (result, (name, _)) in zip(results, cases) {
            #expect(result == "ok", "\(name): \(result)")
        }
    }

    @Test("bodies that break the contract are rejected", arguments: [
        ("an unknown top-level key", #"{"version":"1","receiver":"r","status":"firing","reason":"first notification","groupKey":"k","groupLabels":{},"commonLabels":{},"commonAnnotations":{},"alerts":[],"extra":1}"#),
        ("a firing body with a bad status", #"{"version":"1","receiver":"r","status":"burning","reason":"first notification","groupKey":"k","groupLabels":{},"commonLabels":{},"commonAnnotations":{},"alerts":[]}"#),
        ("a value that is a non-numeric string", #"{"version":"1","receiver":"r","status":"firing","reason":"first notification","groupKey":"k","groupLabels":{},"commonLabels":{},"commonAnnotations":{},"alerts":[{"status":"firing","labels":{},"annotations":{},"startsAt":"2026-03-14T09:00:00Z","endsAt":null,"value":"lots","fingerprint":"00000000000000ff"}]}"#),
        ("a time with an offset instead of UTC", #"{"version":"1","receiver":"r","status":"firing","reason":"first notification","groupKey":"k","groupLabels":{},"commonLabels":{},"commonAnnotations":{},"alerts":[{"status":"firing","labels":{},"annotations":{},"startsAt":"2026-03-14T09:00:00+02:00","endsAt":null,"value":1,"fingerprint":"00000000000000ff"}]}"#),
        ("a goal block missing a figure", #"{"version":"1","receiver":"r","status":"firing","reason":"first notification","groupKey":"k","groupLabels":{},"commonLabels":{},"commonAnnotations":{},"alerts":[{"status":"firing","labels":{},"annotations":{},"startsAt":"2026-03-14T09:00:00Z","endsAt":null,"value":1,"fingerprint":"00000000000000ff","goal":{"name":"g","state":"on_track"}}]}"#),
        ("a label value that is a number", #"{"version":"1","receiver":"r","status":"firing","reason":"first notification","groupKey":"k","groupLabels":{"n":1},"commonLabels":{},"commonAnnotations":{},"alerts":[]}"#),
    ])
    func brokenBodiesAreRejected(_ name: String, _ document: String) throws {
        let results = try validate([Array(document.utf8)])
        #expect(results.first?.hasPrefix("invalid") == true, "\(name): \(results)")
    }
}
