internal import GRDB
import Foundation
import GoalWatchCore

extension MetricStore {
    /// Applies `change` in one transaction: afterwards either all of it is durable or none of it.
    public func apply(_ change: AlertingChange) throws {
        guard !change.isEmpty else { return }
        try perform("cannot save alert states and notifications") {
            try pool.write { db in
                // Cached statements with their parameters bound directly: one evaluation or flush can
                // write thousands of rows of each kind.
                if !change.savedStates.isEmpty {
                    let statement = try db.cachedStatement(sql: "INSERT OR REPLACE INTO alert_state (key, body) VALUES (?, ?)")
                    for state in change.savedStates { try statement.run(.text(state.key), .text(state.body)) }
                }
                if !change.deletedStates.isEmpty {
                    let statement = try db.cachedStatement(sql: "DELETE FROM alert_state WHERE key = ?")
                    for key in change.deletedStates { try statement.run(.text(key)) }
                }
                if !change.savedAlerts.isEmpty {
                    let statement = try db.cachedStatement(
                        sql: "INSERT OR REPLACE INTO router_alert (fingerprint, body, resolved_at_ms) VALUES (?, ?, ?)")
                    for alert in change.savedAlerts {
                        try statement.run(.text(alert.fingerprint), .text(alert.body), .integer(orNull: alert.resolvedAt?.milliseconds))
                    }
                }
                if !change.deletedAlerts.isEmpty {
                    let statement = try db.cachedStatement(sql: "DELETE FROM router_alert WHERE fingerprint = ?")
                    for fingerprint in change.deletedAlerts { try statement.run(.text(fingerprint)) }
                }
                if !change.logEntries.isEmpty {
                    let statement = try db.cachedStatement(sql: """
                        INSERT OR REPLACE INTO notification_log (group_key, receiver, firing, resolved, notified_at_ms)
                        VALUES (?, ?, ?, ?, ?)
                        """)
                    for entry in change.logEntries {
                        try statement.run(
                            .text(entry.groupKey), .text(entry.receiver), .text(Self.encodeSet(entry.firing)),
                            .text(Self.encodeSet(entry.resolved)), .integer(entry.notifiedAt.milliseconds))
                    }
                }
                if !change.deletedLogEntries.isEmpty {
                    let statement = try db.cachedStatement(sql: "DELETE FROM notification_log WHERE group_key = ? AND receiver = ?")
                    for key in change.deletedLogEntries { try statement.run(.text(key.groupKey), .text(key.receiver)) }
                }
                for entry in change.notifications {
                    try insert(entry, db)
                }
            }
        }
    }

    /// Every stored alert state.
    public func alertStates() throws -> [AlertStateRecord] {
        try perform("cannot read alert states") {
            try pool.read { db in
                try Row.fetchAll(db, sql: "SELECT key, body FROM alert_state ORDER BY key").map {
                    AlertStateRecord(key: $0["key"], body: $0["body"])
                }
            }
        }
    }

    /// Every router alert, firing or resolved.
    public func routerAlerts() throws -> [RouterAlertRecord] {
        try perform("cannot read the router's alerts") {
            try pool.read { db in
                try Row.fetchAll(db, sql: "SELECT fingerprint, body, resolved_at_ms FROM router_alert ORDER BY fingerprint").map {
                    RouterAlertRecord(
                        fingerprint: $0["fingerprint"], body: $0["body"],
                        resolvedAt: ($0["resolved_at_ms"] as Int64?).map(Timestamp.init(milliseconds:)))
                }
            }
        }
    }

    /// Every notification-log entry.
    public func notificationLog() throws -> [NotificationLogEntry] {
        try perform("cannot read the notification log") {
            try pool.read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM notification_log ORDER BY group_key, receiver").map {
                    NotificationLogEntry(
                        groupKey: $0["group_key"], receiver: $0["receiver"],
                        firing: Self.decodeSet($0["firing"]), resolved: Self.decodeSet($0["resolved"]),
                        notifiedAt: Timestamp(milliseconds: $0["notified_at_ms"]))
                }
            }
        }
    }

    /// A set of fingerprints as a sorted JSON array. Written by hand: a flush writes one per group,
    /// and `JSONSerialization` cost more than the row's insert.
    static func encodeSet(_ set: Set<String>) -> String {
        var text = "["
        for (index, element) in set.sorted().enumerated() {
            if index > 0 { text += "," }
            text += "\""
            for scalar in element.unicodeScalars {
                switch scalar {
                case "\"": text += "\\\""
                case "\\": text += "\\\\"
                case "\n": text += "\\n"
                case "\r": text += "\\r"
                case "\t": text += "\\t"
                case _ where scalar.value < 0x20:
                    let hex = String(scalar.value, radix: 16)
                    text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                default: text.unicodeScalars.append(scalar)
                }
            }
            text += "\""
        }
        return text + "]"
    }

    static func decodeSet(_ text: String) -> Set<String> {
        let array = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String]
        return Set(array ?? [])
    }
}
