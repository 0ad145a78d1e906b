/// The settings of a `webhook:` receiver: a POST of JSON to a URL.
public struct WebhookReceiver: Sendable, Hashable {
    /// The http(s) URL posted to (`url`, or the contents of `url_file`, which make it secret).
    public var url: Redactable
    /// The payload's shape. Default ``WebhookFormat/generic``.
    public var format: WebhookFormat
    /// The HMAC-SHA256 key the body is signed with (contents of `secret_file`); `nil`: unsigned.
    public var secret: Secret?
    /// Extra request headers, name → value; values built with an expansion are secret.
    public var headers: [String: Redactable]
    /// A custom body template (Go-template subset, ``AlertTemplate``'s syntax), as written in `template`
    /// or read from `template_file`; checked to parse at load. `nil`: the format's own body.
    public var template: String?

    /// Creates webhook settings.
    public init(
        url: Redactable, format: WebhookFormat = .generic, secret: Secret? = nil,
        headers: [String: Redactable] = [:], template: String? = nil
    ) {
        self.url = url
        self.format = format
        self.secret = secret
        self.headers = headers
        self.template = template
    }
}

/// The JSON body a webhook receiver sends (docs/payloads.md).
public enum WebhookFormat: String, Sendable, Hashable, CaseIterable {
    /// GoalWatch JSON v1, with goal figures.
    case generic
    /// Alertmanager's webhook payload, version 4, field for field.
    case alertmanagerWebhook = "alertmanager_webhook"
}

/// The settings of a `slack:` receiver: a Slack incoming webhook.
public struct SlackReceiver: Sendable, Hashable {
    /// The incoming webhook's URL (`url`, or the contents of `url_file`, which make it secret).
    public var url: Redactable
    /// A custom message template; `nil`: GoalWatch's Block Kit message.
    public var template: String?

    /// Creates Slack settings.
    public init(url: Redactable, template: String? = nil) {
        self.url = url
        self.template = template
    }
}

/// The settings of an `msteams:` receiver: a Teams workflow (Power Automate) webhook.
public struct TeamsReceiver: Sendable, Hashable {
    /// The workflow's URL (`url`, or the contents of `url_file`, which make it secret).
    public var url: Redactable
    /// A custom message template; `nil`: GoalWatch's Adaptive Card.
    public var template: String?

    /// Creates Teams settings.
    public init(url: Redactable, template: String? = nil) {
        self.url = url
        self.template = template
    }
}

/// The settings of a `pagerduty:` receiver: PagerDuty's Events API v2.
public struct PagerDutyReceiver: Sendable, Hashable {
    /// The service integration's routing key (`routing_key` or the contents of `routing_key_file`).
    public var routingKey: Secret
    /// The Events API endpoint. Default ``defaultURL``.
    public var url: Redactable
    /// A template of the event's severity (which must render to critical, error, warning or info);
    /// `nil`: taken from the alerts' `severity` label.
    public var severity: String?

    /// PagerDuty's Events API v2 endpoint.
    public static let defaultURL = "https://events.pagerduty.com/v2/enqueue"

    /// Creates PagerDuty settings.
    public init(routingKey: Secret, url: Redactable = .plain(PagerDutyReceiver.defaultURL), severity: String? = nil) {
        self.routingKey = routingKey
        self.url = url
        self.severity = severity
    }
}

/// The settings of an `alertmanager:` receiver: alerts posted to `<url>/api/v2/alerts` of each
/// Alertmanager, as Prometheus does.
public struct AlertmanagerReceiver: Sendable, Hashable {
    /// The Alertmanagers' base URLs (`http://alertmanager:9093`); secret when built with an expansion.
    public var urls: [Redactable]

    /// Creates Alertmanager settings.
    public init(urls: [Redactable]) {
        self.urls = urls
    }
}
