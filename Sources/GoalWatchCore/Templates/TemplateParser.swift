/// Parses template text into nodes; errors carry the file position of the offending character.
struct TemplateParser {
    private enum Item {
        case text(String)
        case action([(TemplateLexer.Token, SourceLocation)], SourceLocation)
    }

    private var items: [Item] = []
    private var position = 0

    /// - Parameter origin: where the template text starts in its file (its first character).
    init(text: String, origin: SourceLocation) throws(InputError) {
        let scalars = Array(text.unicodeScalars)
        // Positions in the file: line and column of each scalar offset, counted from `origin`.
        var lineStarts = [0]
        for (offset, scalar) in scalars.enumerated() where scalar == "\n" { lineStarts.append(offset + 1) }
        func location(_ offset: Int) -> SourceLocation {
            let line = (lineStarts.lastIndex { $0 <= offset }) ?? 0
            let column = offset - lineStarts[line] + 1
            return SourceLocation(file: origin.file, line: origin.line + line, column: line == 0 ? origin.column + column - 1 : column)
        }
        var index = 0
        var text = ""
        var trimNextText = false
        func matches(_ pattern: String, at offset: Int) -> Bool {
            var position = offset
            for scalar in pattern.unicodeScalars {
                guard position < scalars.count, scalars[position] == scalar else { return false }
                position += 1
            }
            return true
        }
        while index < scalars.count {
            guard matches("{{", at: index) else {
                text.unicodeScalars.append(scalars[index])
                index += 1
                continue
            }
            let actionStart = index
            var bodyStart = index + 2
            if matches("{{- ", at: index) || matches("{{-\t", at: index) || matches("{{-\n", at: index) {
                while let last = text.unicodeScalars.last, last == " " || last == "\t" || last == "\n" || last == "\r" {
                    text.unicodeScalars.removeLast()
                }
                bodyStart = index + 3
            }
            if trimNextText { text = String(text.drop { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }) }
            if !text.isEmpty { items.append(.text(text)) }
            text = ""
            trimNextText = false
            // Find the closing braces outside quoted strings.
            var end = bodyStart
            var quote: Unicode.Scalar?
            var quoteStart = bodyStart
            while end < scalars.count {
                let scalar = scalars[end]
                if let open = quote {
                    if scalar == "\\", open == "\"" { end += 2; continue }
                    if scalar == open { quote = nil }
                } else if scalar == "\"" || scalar == "`" {
                    quote = scalar
                    quoteStart = end
                } else if matches("}}", at: end) {
                    break
                }
                end += 1
            }
            if let quote, end >= scalars.count {
                throw InputError("expected the string to be closed with \(quote), found the end of the template", at: location(quoteStart))
            }
            guard end < scalars.count else {
                throw InputError("expected '}}' to close the action opened here, found the end of the template", at: location(actionStart))
            }
            var bodyEnd = end
            if bodyEnd > bodyStart, scalars[bodyEnd - 1] == "-", bodyEnd - 2 >= bodyStart, [" ", "\t", "\n"].contains(scalars[bodyEnd - 2]) {
                bodyEnd -= 1
                trimNextText = true
            }
            index = end + 2
            let body = String(String.UnicodeScalarView(scalars[bodyStart..<max(bodyStart, bodyEnd)]))
            let trimmed = body.trimmingWhitespace
            if trimmed.hasPrefix("/*") {
                guard trimmed.hasSuffix("*/") else { throw InputError("expected '*/' to close the comment", at: location(actionStart)) }
                continue
            }
            let tokens = try TemplateLexer.tokens(body) { location(bodyStart + $0) }
            items.append(.action(tokens, location(actionStart)))
        }
        if trimNextText { text = String(text.drop { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }) }
        if !text.isEmpty { items.append(.text(text)) }
    }

    /// Parses the whole template.
    mutating func parse() throws(InputError) -> [TemplateNode] {
        let (nodes, terminator) = try parseList()
        if let terminator {
            throw InputError("unexpected {{\(terminator.keyword)}} without a matching if, range or with", at: terminator.location)
        }
        return nodes
    }

    private struct Terminator {
        var keyword: String
        var tokens: ArraySlice<(TemplateLexer.Token, SourceLocation)>
        var location: SourceLocation
    }

    /// Nodes up to an `else` or `end` (returned as the terminator) or the end of input (nil).
    private mutating func parseList() throws(InputError) -> ([TemplateNode], Terminator?) {
        var nodes: [TemplateNode] = []
        while position < items.count {
            let item = items[position]
            position += 1
            switch item {
            case .text(let text):
                nodes.append(.text(text))
            case .action(let tokens, let location):
                guard let first = tokens.first else {
                    throw InputError("expected a pipeline in the action, found nothing", at: location)
                }
                if case .identifier(let keyword) = first.0 {
                    switch keyword {
                    case "end", "else":
                        return (nodes, Terminator(keyword: keyword, tokens: tokens.dropFirst(), location: location))
                    case "if", "range", "with":
                        nodes.append(try parseBlock(keyword, tokens.dropFirst(), location: location))
                        continue
                    case "define", "template", "block", "break", "continue":
                        throw InputError("{{\(keyword)}} is not supported in alert templates", at: location)
                    default:
                        break
                    }
                }
                nodes.append(.output(try parsePipeline(tokens[...], location: location)))
            }
        }
        return (nodes, nil)
    }

    private mutating func parseBlock(_ keyword: String, _ tokens: ArraySlice<(TemplateLexer.Token, SourceLocation)>, location: SourceLocation) throws(InputError) -> TemplateNode {
        var branches: [(TemplatePipeline, [TemplateNode])] = []
        var condition = try parsePipeline(tokens, location: location)
        while true {
            let (body, terminator) = try parseList()
            guard let terminator else {
                throw InputError("expected {{end}} to close the {{\(keyword)}} opened here, found the end of the template", at: location)
            }
            branches.append((condition, body))
            if terminator.keyword == "end" {
                guard terminator.tokens.isEmpty else { throw InputError("expected '}}' after end", at: terminator.location) }
                return make(keyword, branches, otherwise: [])
            }
            // else, or else if (only for if).
            if keyword == "if", case .identifier("if")? = terminator.tokens.first?.0 {
                condition = try parsePipeline(terminator.tokens.dropFirst(), location: terminator.location)
                continue
            }
            guard terminator.tokens.isEmpty else { throw InputError("expected '}}' after else", at: terminator.location) }
            let (otherwise, end) = try parseList()
            guard let end, end.keyword == "end" else {
                throw InputError("expected {{end}} to close the {{\(keyword)}} opened here", at: location)
            }
            return make(keyword, branches, otherwise: otherwise)
        }
    }

    private func make(_ keyword: String, _ branches: [(TemplatePipeline, [TemplateNode])], otherwise: [TemplateNode]) -> TemplateNode {
        switch keyword {
        case "if": return .conditional(branches: branches.map { (condition: $0.0, body: $0.1) }, otherwise: otherwise)
        case "range": return .range(branches[0].0, body: branches[0].1, otherwise: otherwise)
        default: return .with(branches[0].0, body: branches[0].1, otherwise: otherwise)
        }
    }

    private func parsePipeline(_ tokens: ArraySlice<(TemplateLexer.Token, SourceLocation)>, location: SourceLocation) throws(InputError) -> TemplatePipeline {
        var rest = tokens
        var pipeline = TemplatePipeline(commands: [], location: tokens.first?.1 ?? location)
        // Variable declarations: `$x :=`, `$k, $v :=`, `$x =`.
        if let declaration = rest.firstIndex(where: { $0.0 == .declare || $0.0 == .assign }) {
            var names: [String] = []
            for (token, place) in rest[..<declaration] {
                switch token {
                case .variable(let name, let chain) where chain.isEmpty && !name.isEmpty: names.append(name)
                case .comma: continue
                default: throw InputError("expected a variable such as $x before ':=', found something else", at: place)
                }
            }
            pipeline.variables = names
            pipeline.declares = rest[declaration].0 == .declare
            rest = rest[(declaration + 1)...]
        }
        var command: [TemplateOperand] = []
        while let (token, place) = rest.first {
            rest = rest.dropFirst()
            switch token {
            case .pipe:
                guard !command.isEmpty else { throw InputError("expected a command before '|'", at: place) }
                pipeline.commands.append(command)
                command = []
            case .open:
                var depth = 1
                var inner = rest.startIndex
                while inner < rest.endIndex, depth > 0 {
                    if rest[inner].0 == .open { depth += 1 }
                    if rest[inner].0 == .close { depth -= 1 }
                    inner += 1
                }
                guard depth == 0 else { throw InputError("expected ')' to close the '(' here", at: place) }
                let group = try parsePipeline(rest[rest.startIndex..<(inner - 1)], location: place)
                rest = rest[inner...]
                command.append(.group(group, []))
            case .close:
                throw InputError("unexpected ')'", at: place)
            case .comma, .declare, .assign:
                throw InputError("unexpected '\(token == .comma ? "," : "=")' in the pipeline", at: place)
            case .identifier(let name):
                switch name {
                case "true": command.append(.literal(.bool(true)))
                case "false": command.append(.literal(.bool(false)))
                case "nil": command.append(.literal(.null))
                default:
                    guard TemplateFunctions.names.contains(name) else {
                        throw InputError("unknown function \"\(name)\"\(TemplateFunctions.suggestion(for: name))", at: place)
                    }
                    command.append(.function(name))
                }
            case .variable(let name, let chain): command.append(.variable(name, chain))
            case .field(let chain): command.append(.dot(chain))
            case .string(let text): command.append(.literal(.string(text)))
            case .number(let number): command.append(.literal(.number(number)))
            }
        }
        guard !command.isEmpty else { throw InputError("expected a command, found nothing", at: location) }
        pipeline.commands.append(command)
        return pipeline
    }
}
