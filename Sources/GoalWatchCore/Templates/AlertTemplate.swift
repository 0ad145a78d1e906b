/// A label or annotation template of an alerting rule: the Go text/template subset Prometheus rule
/// files use (DESIGN §5), parsed once and rendered for each alert.
///
/// Supported: text and `{{ … }}` actions with `{{-`/`-}}` trimming and `{{/* comments */}}`;
/// `$labels`, `$value`, `$externalLabels`, `$externalURL`, `$`, `.`, `.Labels.x`, `.Value`; pipelines
/// with `|`; variables (`$x := …`, `$x = …`); `if`/`else if`/`else`/`end`, `range` (maps in key order,
/// with `$k, $v :=`), `with`; literals; and the functions of ``TemplateFunctions``.
public struct AlertTemplate: Sendable {
    /// The template as written.
    public let text: String
    let nodes: [TemplateNode]

    /// Parses a template whose first character is at `origin` in its file.
    /// - Throws: ``InputError`` at the file position of the problem.
    public init(_ text: String, origin: SourceLocation) throws(InputError) {
        self.text = text
        var parser = try TemplateParser(text: text, origin: origin)
        nodes = try parser.parse()
    }

    /// Renders the template for one alert.
    /// - Throws: ``InputError`` naming the action that failed (a function given the wrong kind of value).
    public func render(labels: [String: String], value: Double, externalLabels: [String: String] = [:], externalURL: String = "") throws(InputError) -> String {
        let root = TemplateValue.record([
            "Labels": .map(labels), "ExternalLabels": .map(externalLabels), "Value": .number(value), "ExternalURL": .string(externalURL),
        ])
        var renderer = TemplateRenderer(variables: [
            "": root, "labels": .map(labels), "externalLabels": .map(externalLabels), "value": .number(value), "externalURL": .string(externalURL),
        ])
        var out = ""
        try renderer.run(nodes, dot: root, into: &out)
        return out
    }
}

/// Executes template nodes.
struct TemplateRenderer {
    var variables: [String: TemplateValue]

    mutating func run(_ nodes: [TemplateNode], dot: TemplateValue, into out: inout String) throws(InputError) {
        for node in nodes {
            switch node {
            case .text(let text):
                out += text
            case .output(let pipeline):
                let value = try evaluate(pipeline, dot: dot)
                if pipeline.variables.isEmpty { out += value.printed }
            case .conditional(let branches, let otherwise):
                var taken = false
                for branch in branches where try evaluate(branch.condition, dot: dot).isTruthy {
                    try run(branch.body, dot: dot, into: &out)
                    taken = true
                    break
                }
                if !taken { try run(otherwise, dot: dot, into: &out) }
            case .with(let pipeline, let body, let otherwise):
                let value = try evaluate(pipeline, dot: dot)
                try run(value.isTruthy ? body : otherwise, dot: value.isTruthy ? value : dot, into: &out)
            case .range(let pipeline, let body, let otherwise):
                let collection = try evaluate(pipeline, dot: dot, declaring: false)
                let elements: [(TemplateValue, TemplateValue)]
                switch collection {
                case .map(let map): elements = map.keys.sorted().map { (.string($0), .string(map[$0] ?? "")) }
                case .list(let list): elements = list.enumerated().map { (.number(Double($0.offset)), $0.element) }
                case .null: elements = []
                default: throw InputError("range expects a map or a list, found a \(collection.kindName)", at: pipeline.location)
                }
                if elements.isEmpty { try run(otherwise, dot: dot, into: &out) }
                for (key, element) in elements {
                    if pipeline.variables.count == 2 {
                        variables[pipeline.variables[0]] = key
                        variables[pipeline.variables[1]] = element
                    } else if let name = pipeline.variables.first {
                        variables[name] = element
                    }
                    try run(body, dot: element, into: &out)
                }
            }
        }
    }

    private mutating func evaluate(_ pipeline: TemplatePipeline, dot: TemplateValue, declaring: Bool = true) throws(InputError) -> TemplateValue {
        var result: TemplateValue?
        for command in pipeline.commands {
            result = try execute(command, dot: dot, piped: result, location: pipeline.location)
        }
        let value = result ?? .null
        if declaring {
            for name in pipeline.variables {
                if !pipeline.declares, variables[name] == nil {
                    throw InputError("undefined variable $\(name)", at: pipeline.location)
                }
                variables[name] = value
            }
        }
        return value
    }

    private mutating func execute(_ command: [TemplateOperand], dot: TemplateValue, piped: TemplateValue?, location: SourceLocation) throws(InputError) -> TemplateValue {
        if case .function(let name)? = command.first {
            var arguments: [TemplateValue] = []
            for operand in command.dropFirst() { arguments.append(try value(of: operand, dot: dot, location: location)) }
            if let piped { arguments.append(piped) }
            do {
                return try TemplateFunctions.call(name, arguments)
            } catch {
                throw InputError(error.message, at: location)
            }
        }
        guard command.count == 1, piped == nil, let operand = command.first else {
            throw InputError("expected a function before its arguments (can't give arguments to a value)", at: location)
        }
        return try value(of: operand, dot: dot, location: location)
    }

    private mutating func value(of operand: TemplateOperand, dot: TemplateValue, location: SourceLocation) throws(InputError) -> TemplateValue {
        switch operand {
        case .literal(let value): return value
        case .dot(let chain): return try fields(chain, of: dot, location: location)
        case .variable(let name, let chain):
            guard let value = variables[name] else { throw InputError("undefined variable $\(name)", at: location) }
            return try fields(chain, of: value, location: location)
        case .group(let pipeline, let chain): return try fields(chain, of: evaluate(pipeline, dot: dot), location: location)
        case .function(let name):
            do {
                return try TemplateFunctions.call(name, [])
            } catch {
                throw InputError(error.message, at: location)
            }
        }
    }

    private func fields(_ chain: [String], of value: TemplateValue, location: SourceLocation) throws(InputError) -> TemplateValue {
        var current = value
        for name in chain {
            switch current {
            case .map(let map): current = .string(map[name] ?? "")  // Prometheus renders missing keys as empty
            case .record(let record):
                guard let field = record[name] else { throw InputError("no field \(name) (fields: \(record.keys.sorted().joined(separator: ", ")))", at: location) }
                current = field
            default: throw InputError("cannot read .\(name) of a \(current.kindName)", at: location)
            }
        }
        return current
    }
}
