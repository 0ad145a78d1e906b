/// The parsed form of a template: text and actions, with control structures nested.
indirect enum TemplateNode: Sendable {
    case text(String)
    /// `{{ pipeline }}`: prints the pipeline's value, or only declares variables when it has any.
    case output(TemplatePipeline)
    /// `{{ if p }} … {{ else if q }} … {{ else }} … {{ end }}`.
    case conditional(branches: [(condition: TemplatePipeline, body: [TemplateNode])], otherwise: [TemplateNode])
    /// `{{ range [$k, $v :=] p }} … {{ else }} … {{ end }}`.
    case range(TemplatePipeline, body: [TemplateNode], otherwise: [TemplateNode])
    /// `{{ with p }} … {{ else }} … {{ end }}`.
    case with(TemplatePipeline, body: [TemplateNode], otherwise: [TemplateNode])
}

/// Commands joined by `|`, each result passed as the last argument of the next; optionally
/// declaring (`:=`) or assigning (`=`) variables.
struct TemplatePipeline: Sendable {
    var variables: [String] = []
    var declares = true
    var commands: [[TemplateOperand]]
    var location: SourceLocation
}

/// One argument of a command.
indirect enum TemplateOperand: Sendable {
    /// `.`, `.A.b`: fields of dot.
    case dot([String])
    /// `$`, `$x`, `$x.a.b`.
    case variable(String, [String])
    case literal(TemplateValue)
    /// A function name.
    case function(String)
    /// `( pipeline )`, optionally followed by fields.
    case group(TemplatePipeline, [String])
}
