/// The contents of `goalwatch.yml` (DESIGN §3), validated, with defaults applied and every relative
/// path resolved against the configuration file's folder.
///
/// Built by ``ConfigurationLoader``. Secrets (values from `${file:…}` or `${env:…}`, the contents of
/// receivers' `url_file`, `secret_file` and `routing_key_file`, and of the API's `token_file`) are
/// ``Secret`` or ``Redactable`` and never show in `description` or `dump`.
public struct Configuration: Sendable, Hashable {
    /// The configuration file's path as the user named it (used in messages).
    public var path: String
    /// The configuration file's absolute folder, against which relative paths were resolved.
    public var directory: String
    /// Where history is kept and for how long.
    public var storage: StorageConfiguration
    /// How often and in which time zone rules run.
    public var evaluation: EvaluationConfiguration
    /// Glob patterns of rule files, absolute; not expanded here.
    public var ruleFiles: [String]
    /// The snapshot sources, in file order; names are unique.
    public var sources: [SourceConfiguration]
    /// The routing tree, inhibition rules and time intervals; with no `alerting:` section, no route.
    public var alerting: AlertingConfiguration
    /// The receivers, in file order; names are unique.
    public var receivers: [ReceiverConfiguration]
    /// The HTTP API; `nil` (no `http:` section) runs no server.
    public var http: HTTPConfiguration?

    /// Creates a configuration.
    public init(
        path: String,
        directory: String,
        storage: StorageConfiguration,
        evaluation: EvaluationConfiguration = EvaluationConfiguration(),
        ruleFiles: [String] = [],
        sources: [SourceConfiguration] = [],
        alerting: AlertingConfiguration = AlertingConfiguration(),
        receivers: [ReceiverConfiguration] = [],
        http: HTTPConfiguration? = nil
    ) {
        self.path = path
        self.directory = directory
        self.storage = storage
        self.evaluation = evaluation
        self.ruleFiles = ruleFiles
        self.sources = sources
        self.alerting = alerting
        self.receivers = receivers
        self.http = http
    }

    /// The receiver named `name`, if there is one.
    public func receiver(named name: String) -> ReceiverConfiguration? {
        receivers.first { $0.name == name }
    }
}
