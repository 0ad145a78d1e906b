import Testing
@testable import GoalWatchCore

@Suite("the position-aware YAML reader")
struct YAMLReaderTests {
    static func node(_ text: String) throws -> YAMLNode {
        try #require(try YAMLDocument.parse(text, file: "f.yml"))
    }

    /// The value of the single key of a one-entry document.
    static func value(_ text: String) throws -> YAMLNode {
        let root = try node(text)
        return try #require(try root.entries().first?.value)
    }

    @Test("nodes carry 1-based lines and columns")
    func positionsAreOneBased() throws {
        let root = try Self.node("a: 1\nlist:\n  - x\n  - {k: v}\n")
        let entries = try root.entries()
        #expect(root.location == SourceLocation(file: "f.yml", line: 1, column: 1))
        #expect(entries[0].key.location == SourceLocation(file: "f.yml", line: 1, column: 1))
        #expect(entries[0].value.location == SourceLocation(file: "f.yml", line: 1, column: 4))
        let items = try entries[1].value.sequence()
        #expect(items[0].location == SourceLocation(file: "f.yml", line: 3, column: 5))
        #expect(items[1].location == SourceLocation(file: "f.yml", line: 4, column: 5))
        #expect(try items[1].entries()[0].value.location == SourceLocation(file: "f.yml", line: 4, column: 9))
    }

    @Test("columns count Unicode scalars, not bytes")
    func columnsCountScalars() throws {
        let value = try Self.value("\"Prénom ✓\": [a, b]\n")
        #expect(value.location.column == 13)
    }

    @Test("an empty document has no root")
    func emptyDocument() throws {
        #expect(try YAMLDocument.parse("", file: "f.yml") == nil)
        #expect(try YAMLDocument.parse("# only a comment\n", file: "f.yml") == nil)
    }

    @Test("typed accessors read valid values")
    func accessorsReadValues() throws {
        #expect(try Self.value("k: hello").string() == "hello")
        #expect(try Self.value("k: 42").string() == "42")
        #expect(try Self.value("k: -7").int() == -7)
        #expect(try Self.value("k: True").bool() == true)
        #expect(try Self.value("k: false").bool() == false)
        #expect(try Self.value("k: 1h30m").duration() == .minutes(90))
        #expect(try Self.value("k: [a, \"b\"]").stringList().map(\.text) == ["a", "b"])
        #expect(try Self.value("k: {x: 1, y: two}").stringMap().map { "\($0.key.text)=\($0.value.text)" } == ["x=1", "y=two"])
        #expect(try Self.value("k: json").choice(["json", "csv"]) == "json")
    }

    @Test("byte sizes in binary, decimal and plain units", arguments: [
        ("1048576", 1_048_576), ("256MiB", 256 << 20), ("64KiB", 64 << 10), ("1GiB", 1 << 30), ("2TiB", 2 << 40),
        ("1MB", 1_000_000), ("500kB", 500_000), ("500KB", 500_000), ("3GB", 3_000_000_000), ("1 MiB", 1 << 20), ("12B", 12),
    ] as [(String, Int)])
    func byteSizes(text: String, bytes: Int) throws {
        #expect(try Self.value("k: \(text)").byteSize() == bytes)
    }

    @Test("bad byte sizes are refused", arguments: ["", "MiB", "1.5MiB", "-1", "1mib", "1 M", "1  MiB", "99999999999TiB", "1 MiB extra"])
    func badByteSizes(text: String) {
        #expect(ByteSize.parse(text) == nil)
    }

    @Test("a byte size of zero is refused")
    func zeroByteSize() throws {
        let node = try Self.value("k: 0")
        #expect(throws: InputError.self) { try node.byteSize() }
    }

    @Test("typed accessors throw 'expected …, found …' at the node", arguments: [
        ("k: [1]", "int", "f.yml:1:4: expected an integer, found a list"),
        ("k: 1.5", "int", "f.yml:1:4: expected an integer, found \"1.5\""),
        ("k: yes", "bool", "f.yml:1:4: expected true or false, found \"yes\""),
        ("k:", "string", "f.yml:1:3: expected a string, found nothing"),
        ("k: ~", "string", "f.yml:1:4: expected a string, found nothing"),
        ("k: {a: b}", "string", "f.yml:1:4: expected a string, found a mapping"),
        ("k: 90", "duration", "f.yml:1:4: expected a duration such as 30s, 5m or 1h30m, found \"90\""),
        ("k: 10 M", "bytes", "f.yml:1:4: expected a byte size such as 256MiB, 1MB or 1048576, found \"10 M\""),
        ("k: [a, [b]]", "list", "f.yml:1:8: expected a string, found a list"),
        ("k: a", "list", "f.yml:1:4: expected a list, found \"a\""),
        ("k: {a: [1]}", "map", "f.yml:1:8: expected a string, found a list"),
        ("k: [a]", "map", "f.yml:1:4: expected a mapping, found a list"),
        ("k: jsno", "choice", "f.yml:1:4: expected one of json, csv, found \"jsno\" (did you mean 'json'?)"),
    ])
    func accessorErrors(text: String, accessor: String, expected: String) throws {
        let node = try Self.value(text)
        let error = #expect(throws: InputError.self) {
            switch accessor {
            case "int": _ = try node.int()
            case "bool": _ = try node.bool()
            case "string": _ = try node.string()
            case "duration": _ = try node.duration()
            case "bytes": _ = try node.byteSize()
            case "list": _ = try node.stringList()
            case "map": _ = try node.stringMap()
            default: _ = try node.choice(["json", "csv"])
            }
        }
        #expect(error?.description == expected)
    }

    @Test("a mapping reports every unknown key, with the allowed keys and a suggestion when one is close")
    func mappingReportsUnknownKeys() throws {
        let root = try Self.node("path: a\nretension: 3d\nfoo: 1\n")
        var reader = YAMLReader()
        let mapping = reader.mapping(root, allowedKeys: ["path", "retention"])
        #expect(mapping?["path"]?.scalar?.text == "a")
        #expect(reader.errors.map(\.description) == [
            "f.yml:2:1: unknown key 'retension' (did you mean 'retention'?); allowed keys here: path, retention",
            "f.yml:3:1: unknown key 'foo'; allowed keys here: path, retention",
        ])
    }

    @Test("a key valid elsewhere gets its own message instead of 'unknown key'")
    func misplacedKeyMessage() throws {
        let root = try Self.node("url: x\n")
        var reader = YAMLReader()
        _ = reader.mapping(root, allowedKeys: ["path"], misplacedKeys: ["url": "key 'url' is only for http sources"])
        #expect(reader.errors.map(\.description) == ["f.yml:1:1: key 'url' is only for http sources"])
    }

    @Test("a list reader reports every bad item, not only the first")
    func listReportsEveryItem() throws {
        let node = try Self.value("k: [1, x, 2, y]")
        var reader = YAMLReader()
        let values = reader.list(node) { reader, item in reader.read { () throws(InputError) -> Int in try item.int() } }
        #expect(values == nil)
        #expect(reader.errors.map(\.description) == [
            "f.yml:1:8: expected an integer, found \"x\"",
            "f.yml:1:14: expected an integer, found \"y\"",
        ])
    }

    @Test("finish orders errors by position and keeps one per position")
    func finishOrdersAndDeduplicates() {
        var reader = YAMLReader()
        reader.report(InputError("second", at: SourceLocation(file: "f.yml", line: 2, column: 1)))
        reader.report(InputError("first", at: SourceLocation(file: "f.yml", line: 1, column: 5)))
        reader.report(InputError("consequence", at: SourceLocation(file: "f.yml", line: 2, column: 1)))
        #expect(throws: InputErrors.self) { try reader.finish() }
        do {
            try reader.finish()
        } catch {
            #expect(error.errors.map(\.message) == ["first", "second"])
        }
    }

    @Test("edit distance counts a swap of neighbours as one edit")
    func editDistance() {
        func distance(_ a: String, _ b: String) -> Int {
            KeySuggestion.editDistance(Array(a.unicodeScalars), Array(b.unicodeScalars))
        }
        #expect(distance("every", "evrey") == 1)
        #expect(distance("retention", "retension") == 1)
        #expect(distance("", "abc") == 3)
        #expect(distance("kitten", "sitting") == 3)
        #expect(KeySuggestion.closest(to: "alerting", among: ["storage", "evaluation", "rule_files", "sources"]) == nil)
        #expect(KeySuggestion.closest(to: "Timezone", among: ["interval", "lookback", "timezone"]) == "timezone")
    }
}

@Suite("YAML syntax errors")
struct YAMLSyntaxErrorTests {
    static func error(_ text: String) -> String? {
        do {
            _ = try YAMLDocument.parse(text, file: "f.yml")
            return nil
        } catch {
            return error.errors.first?.description
        }
    }

    @Test("a syntax error is reported at its line and column", arguments: [
        ("a: 1\n b: 2\n", "f.yml:2:3: invalid YAML: mapping values are not allowed in this context"),
        ("a: [1, 2\n", "f.yml:2:1: invalid YAML: did not find expected ',' or ']' (while parsing a flow sequence at 1:4)"),
        ("a: \"open\n", "f.yml:2:1: invalid YAML: found unexpected end of stream (while scanning a quoted scalar at 1:4)"),
        ("a:\n\t- b\n", "f.yml:2:1: invalid YAML: found character that cannot start any token (while scanning for the next token at 2:1)"),
        ("a: *nope\n", "f.yml:1:4: invalid YAML: found undefined alias"),
    ])
    func syntaxErrors(text: String, expected: String) {
        #expect(Self.error(text) == expected)
    }

    @Test("a repeated key is reported at the repeat, naming the first")
    func duplicateKeyAtRepeat() {
        #expect(Self.error("a: 1\nb:\n  c: 1\n  d: 2\n  c: 3\n")
            == "f.yml:5:3: duplicate key 'c': it is already set at 3:3; a key may appear once in a mapping")
        #expect(Self.error("- x: 1\n  x: 2\n")
            == "f.yml:2:3: duplicate key 'x': it is already set at 1:3; a key may appear once in a mapping")
        #expect(Self.error("{a: 1, a: 2}\n") == "f.yml:1:2: duplicate key 'a': a key may appear once in a mapping")
    }

    @Test("a key that is a list or a mapping is refused")
    func complexKeyIsRefused() {
        #expect(Self.error("? [a, b]\n: 1\n") == "f.yml:1:3: expected a key name, found a list")
    }

    @Test("aliases are resolved to the nodes they name")
    func aliasesResolve() throws {
        let root = try #require(try YAMLDocument.parse("a: &x 5m\nb: *x\n", file: "f.yml"))
        #expect(try root.entries().map { try $0.value.duration() } == [.minutes(5), .minutes(5)])
    }
}
