import Foundation
import GoalWatchCore

/// Where and how one configured receiver is sent to: its URLs, its payload renderer, its extra headers.
struct ReceiverTarget: Sendable {
    /// The receiver's name.
    let name: String
    /// The endpoints; every one must accept a notification for it to count as delivered (several only for
    /// `alertmanager`, posted to each Alertmanager as Prometheus does).
    let urls: [Redactable]
    /// Turns a notification into a body.
    let renderer: any PayloadRenderer
    /// Headers from the configuration (values may be secret).
    let headers: [(String, Redactable)]
    /// Timeout, concurrency, `max_age`, TLS.
    let settings: DeliverySettings

    /// The target of `receiver`.
    ///
    /// - Parameters:
    ///   - evaluationInterval: how often rules run (the `endsAt` lease of alerts posted to Alertmanager).
    ///   - timeZone: the zone times are shown in, in chat messages.
    init(_ receiver: ReceiverConfiguration, evaluationInterval: TimeSpan, timeZone: TimeZone) throws(InputError) {
        name = receiver.name
        settings = receiver.delivery
        switch receiver.kind {
        case .webhook(let webhook):
            urls = [webhook.url]
            headers = webhook.headers.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
            let base: any PayloadRenderer
            if let template = webhook.template {
                base = try Self.template(template, receiver: receiver.name)
            } else {
                switch webhook.format {
                case .generic: base = GenericPayload()
                case .alertmanagerWebhook: base = AlertmanagerWebhookPayload()
                }
            }
            if let secret = webhook.secret {
                renderer = SignedPayload(AnyPayloadRenderer(base), signature: WebhookSignature(secret: secret))
            } else {
                renderer = base
            }
        case .slack(let slack):
            urls = [slack.url]
            headers = []
            renderer = try slack.template.map { template throws(InputError) in try Self.template(template, receiver: receiver.name) }
                ?? SlackPayload(timeZone: timeZone)
        case .msteams(let teams):
            urls = [teams.url]
            headers = []
            renderer = try teams.template.map { template throws(InputError) in try Self.template(template, receiver: receiver.name) }
                ?? TeamsPayload(timeZone: timeZone)
        case .pagerduty(let pagerDuty):
            urls = [pagerDuty.url]
            headers = []
            let severity = try pagerDuty.severity.map { text throws(InputError) in
                try AlertTemplate(text, origin: SourceLocation(file: "receiver \(receiver.name) severity", line: 1))
            }
            renderer = PagerDutyPayload(routingKey: pagerDuty.routingKey, severity: severity, receiver: receiver.name)
        case .alertmanager(let alertmanager):
            urls = alertmanager.urls.map { base in
                let text = base.reveal()
                let endpoint = (text.hasSuffix("/") ? String(text.dropLast()) : text) + "/api/v2/alerts"
                return base.isSecret ? .secret(Secret(endpoint)) : .plain(endpoint)
            }
            headers = []
            renderer = AlertmanagerAPIPayload(evaluationInterval: evaluationInterval)
        }
    }

    private static func template(_ text: String, receiver: String) throws(InputError) -> TemplatePayload {
        let template = try AlertTemplate(text, origin: SourceLocation(file: "receiver \(receiver)", line: 1))
        return TemplatePayload(template: template, receiver: receiver)
    }
}

/// A renderer of any kind, so a signed body can wrap whichever renderer the receiver uses.
struct AnyPayloadRenderer: PayloadRenderer {
    let base: any PayloadRenderer

    init(_ base: any PayloadRenderer) {
        self.base = base
    }

    func render(_ notification: Notification, at now: Timestamp) throws(PayloadError) -> RenderedBody {
        try base.render(notification, at: now)
    }
}
