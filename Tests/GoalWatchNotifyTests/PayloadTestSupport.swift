import Foundation
import GoalWatchCore
import Testing

@testable import GoalWatchNotify

/// GoalWatch's notification, not Foundation's.
typealias Notification = GoalWatchNotify.Notification

/// Notifications the payload tests render, and ways to look inside the bodies.
enum PayloadFixtures {
    /// 2026-03-14T09:00:00Z.
    static let created = Timestamp(milliseconds: 1_773_478_800_000)
    static let started = created - TimeSpan.minutes(125)

    static let goal = NotifiedGoal(
        name: "instagram_followers_q1", state: "behind_pace", value: 12_950, baseline: 12_000, target: 14_400,
        progressRatio: 0.3958, expectedRatio: 0.6, forecastValue: 14_120.4, requiredRate: 84.6,
        deadline: Timestamp(rfc3339: "2026-04-01T00:00:00Z"))

    static func goalAlert(status: Notification.Status = .firing) -> NotifiedAlert {
        NotifiedAlert(
            status: status,
            labels: ["alertname": "GoalBehindPace", "goal": "instagram_followers_q1", "severity": "warning", "team": "social"],
            annotations: ["summary": "instagram_followers_q1 is behind pace: 40 % of the way, 60 % expected", "runbook_url": "https://wiki.example/goals"],
            startsAt: started, endsAt: status == .resolved ? created : nil, value: 0.3958, fingerprint: "a1b2c3d4e5f60718", goal: goal)
    }

    static func plainAlert(_ network: String, status: Notification.Status = .firing, value: Double = 75.5, annotations: [String: String]? = nil) -> NotifiedAlert {
        NotifiedAlert(
            status: status,
            labels: ["alertname": "SlowFirstResponse", "network": network, "severity": "critical", "team": "care"],
            annotations: annotations ?? ["summary": "First response on \(network) is \(value) min"],
            startsAt: started, endsAt: status == .resolved ? created : nil, value: value,
            fingerprint: String(format: "%016llx", network.utf8.reduce(UInt64(14_695_981_039_346_656_037)) { ($0 ^ UInt64($1)) &* 1_099_511_628_211 }),
            generatorURL: "https://goalwatch.example/rules#SlowFirstResponse")
    }

    static func notification(
        _ alerts: [NotifiedAlert], status: Notification.Status? = nil, reason: Notification.Reason = .firstNotification,
        groupLabels: [String: String] = ["alertname": "SlowFirstResponse"], externalURL: String? = "https://goalwatch.example",
        groupKey: String = "{}/{team=\"care\"}:{alertname=\"SlowFirstResponse\"}"
    ) -> Notification {
        Notification(
            id: "6f1c0d5e-0000-4000-8000-000000000001", receiver: "marketing-oncall", groupKey: groupKey, groupLabels: groupLabels,
            status: status ?? (alerts.contains { $0.status == .firing } ? .firing : .resolved), reason: reason, alerts: alerts,
            createdAt: created, externalURL: externalURL)
    }

    static var firingGoal: Notification {
        notification([goalAlert()], groupLabels: ["alertname": "GoalBehindPace", "goal": "instagram_followers_q1"],
                     groupKey: "{}:{alertname=\"GoalBehindPace\", goal=\"instagram_followers_q1\"}")
    }

    static var mixed: Notification {
        notification([plainAlert("instagram"), plainAlert("x", status: .resolved)], reason: .someAlertsResolved)
    }

    static var resolved: Notification {
        notification([plainAlert("instagram", status: .resolved), plainAlert("x", status: .resolved)], reason: .allAlertsResolved)
    }

    /// Unicode and quotes in labels, a NaN value, no annotations, no external URL.
    static var odd: Notification {
        notification([
            NotifiedAlert(
                status: .firing, labels: ["alertname": "Ödd \"quoted\" <alert> & co", "account": "café 🎯\n\\x", "empty": ""],
                annotations: [:], startsAt: Timestamp(milliseconds: 1_773_478_800_120), value: .nan, fingerprint: "00000000000000ff"),
            NotifiedAlert(
                status: .firing, labels: ["alertname": "Ödd \"quoted\" <alert> & co", "account": "b"],
                annotations: [:], startsAt: started, value: -.infinity, fingerprint: "00000000000000fe"),
        ], groupLabels: [:], externalURL: nil, groupKey: "{}:{}")
    }

    static var empty: Notification {
        notification([], status: .resolved, reason: .allAlertsResolved, groupLabels: [:])
    }

    static func many(_ count: Int) -> Notification {
        notification((0..<count).map { plainAlert("account-\($0)", status: $0 % 5 == 4 ? .resolved : .firing) })
    }

    /// Every notification above, with a name for messages.
    static var all: [(String, Notification)] {
        [("firing goal", firingGoal), ("mixed", mixed), ("resolved", resolved), ("odd values", odd), ("no alerts", empty), ("many", many(60))]
    }
}

/// Decoding rendered JSON with Foundation, independent of the writer.
enum Decoded {
    static func any(_ body: RenderedBody) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(body.bytes), options: [.fragmentsAllowed])
    }

    static func object(_ body: RenderedBody) throws -> [String: Any] {
        try #require(try any(body) as? [String: Any])
    }

    static func text(_ body: RenderedBody) -> String {
        String(decoding: body.bytes, as: UTF8.self)
    }
}

extension Dictionary where Key == String, Value == Any {
    func object(_ key: String) throws -> [String: Any] { try #require(self[key] as? [String: Any], "\(key) is not an object") }
    func array(_ key: String) throws -> [Any] { try #require(self[key] as? [Any], "\(key) is not an array") }
    func objects(_ key: String) throws -> [[String: Any]] { try #require(self[key] as? [[String: Any]], "\(key) is not an array of objects") }
    func string(_ key: String) throws -> String { try #require(self[key] as? String, "\(key) is not a string") }
    func number(_ key: String) throws -> Double { try #require((self[key] as? NSNumber)?.doubleValue, "\(key) is not a number") }
    func strings(_ key: String) throws -> [String: String] { try #require(self[key] as? [String: String], "\(key) is not a map of strings") }
}

/// Runs helper programs (python3 for JSON Schema and HMAC checks) the way a person would.
enum Helper {
    static let python = "/usr/bin/python3"

    /// Whether Debian's python3-jsonschema can be imported.
    static let hasJSONSchema: Bool = (try? run([python, "-c", "import jsonschema; jsonschema.Draft202012Validator"]).status) == 0

    static func run(_ arguments: [String], input: [UInt8]? = nil) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: arguments[0])
        process.arguments = Array(arguments.dropFirst())
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        let inputPipe = Pipe()
        process.standardInput = inputPipe
        try process.run()
        if let input { inputPipe.fileHandleForWriting.write(Data(input)) }
        try inputPipe.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// The repository's root folder.
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
}
