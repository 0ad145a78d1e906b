/// One entry of `receivers:`: where notifications go, and how they are delivered.
///
/// URLs, keys and secrets that came from a file (`url_file`, `secret_file`, `routing_key_file`,
/// `${file:…}`) or the environment are ``Secret``s or secret ``Redactable``s and never show in
/// `description` or `dump`.
public struct ReceiverConfiguration: Sendable, Hashable {
    /// The name routes and `goalwatch notify --receiver` refer to; unique, `[A-Za-z0-9_.-]+`.
    public var name: String
    /// The kind of endpoint, with its own settings.
    public var kind: ReceiverKind
    /// Timeouts, retries, concurrency and TLS, common to every kind.
    public var delivery: DeliverySettings

    /// Creates a receiver.
    public init(name: String, kind: ReceiverKind, delivery: DeliverySettings = DeliverySettings()) {
        self.name = name
        self.kind = kind
        self.delivery = delivery
    }
}

/// The kind of a receiver: the key under its name (`webhook:`, `slack:`, …) and that key's settings.
public enum ReceiverKind: Sendable, Hashable {
    /// A generic JSON webhook, optionally signed (`webhook:`).
    case webhook(WebhookReceiver)
    /// A Slack incoming webhook (`slack:`).
    case slack(SlackReceiver)
    /// A Microsoft Teams workflow webhook (`msteams:`).
    case msteams(TeamsReceiver)
    /// PagerDuty's Events API v2 (`pagerduty:`).
    case pagerduty(PagerDutyReceiver)
    /// One or more Prometheus Alertmanagers, API v2 (`alertmanager:`).
    case alertmanager(AlertmanagerReceiver)

    /// The key the kind is written with: `webhook`, `slack`, `msteams`, `pagerduty` or `alertmanager`.
    public var key: String {
        switch self {
        case .webhook: "webhook"
        case .slack: "slack"
        case .msteams: "msteams"
        case .pagerduty: "pagerduty"
        case .alertmanager: "alertmanager"
        }
    }
}

/// How notifications are delivered to a receiver (DESIGN §8): each attempt's timeout, how long to keep
/// retrying, how many deliveries run at once, whether resolved alerts are sent, and TLS.
public struct DeliverySettings: Sendable, Hashable {
    /// How long one attempt may take. Default 10s.
    public var timeout: TimeSpan = .seconds(10)
    /// How long after a notification was made it is still retried; then it is dead-lettered. Default 24h.
    public var maxAge: TimeSpan = .hours(24)
    /// How many deliveries to this receiver may be under way at once. Default 4.
    public var concurrency: Int = 4
    /// Whether notifications about resolved alerts are sent. Default true.
    public var sendResolved: Bool = true
    /// Certificate verification.
    public var tls: TLSSettings = TLSSettings()

    /// Creates delivery settings; every value defaults as documented on its property.
    public init(
        timeout: TimeSpan = .seconds(10),
        maxAge: TimeSpan = .hours(24),
        concurrency: Int = 4,
        sendResolved: Bool = true,
        tls: TLSSettings = TLSSettings()
    ) {
        self.timeout = timeout
        self.maxAge = maxAge
        self.concurrency = concurrency
        self.sendResolved = sendResolved
        self.tls = tls
    }
}

/// TLS settings of a receiver. Certificates are always verified unless ``insecureSkipVerify`` is set.
public struct TLSSettings: Sendable, Hashable {
    /// Absolute path of a PEM file of CA certificates to trust instead of the system's; `nil`: the system's.
    public var caFile: String?
    /// Whether to accept any certificate. Default false; for tests against self-signed endpoints only.
    public var insecureSkipVerify: Bool

    /// Creates TLS settings; the default verifies against the system's CA certificates.
    public init(caFile: String? = nil, insecureSkipVerify: Bool = false) {
        self.caFile = caFile
        self.insecureSkipVerify = insecureSkipVerify
    }
}
