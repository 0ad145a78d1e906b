/// The contents of `goalwatch.yml` (DESIGN §3), validated, with defaults applied and every relative
/// path resolved against the configuration file's folder.
///
/// Built by ``ConfigurationLoader``. Secrets (values from `${file:…}` or `${env:…}` in an http source's
/// url and headers) are ``Redactable`` and never show in `description` or `dump`.
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

    /// Creates a configuration.
    public init(
        path: String,
        directory: String,
        storage: StorageConfiguration,
        evaluation: EvaluationConfiguration = EvaluationConfiguration(),
        ruleFiles: [String] = [],
        sources: [SourceConfiguration] = []
    ) {
        self.path = path
        self.directory = directory
        self.storage = storage
        self.evaluation = evaluation
        self.ruleFiles = ruleFiles
        self.sources = sources
    }
}
