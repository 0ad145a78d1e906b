import Testing
@testable import GoalWatchCore

@Suite("The PromQL lexer")
struct PromQLLexerTests {
    private func kinds(_ text: String) throws -> [PromQL.Token.Kind] {
        try PromQL.Lexer.tokens(of: text).map(\.kind).dropLast()
    }

    @Test("numbers in every notation", arguments: [
        ("42", 42.0), ("1.5", 1.5), (".25", 0.25), ("1e3", 1000), ("2.5e-3", 0.0025), ("1E+2", 100),
        ("0x1f", 31), ("0XFF", 255), ("010", 8), ("019", 19), ("5.", 5), ("0.5", 0.5), ("0", 0), ("Inf", .infinity), ("inf", .infinity), ("+Inf", .infinity),
    ])
    func numbers(text: String, value: Double) throws {
        let tokens = try kinds(text)
        #expect(tokens.last == .number(value))
    }

    @Test("NaN in any case is a number")
    func notANumber() throws {
        for text in ["NaN", "nan", "NAN"] {
            guard case .number(let value) = try kinds(text).first else {
                Issue.record("\(text) is not a number")
                continue
            }
            #expect(value.isNaN)
        }
    }

    @Test("durations, compound and in milliseconds", arguments: [
        ("5m", TimeSpan.minutes(5)), ("1h30m", .minutes(90)), ("250ms", TimeSpan(milliseconds: 250)),
        ("1d12h", .hours(36)), ("2w", .days(14)), ("1y", .days(365)), ("1m30s500ms", TimeSpan(milliseconds: 90_500)),
    ])
    func durations(text: String, span: TimeSpan) throws {
        #expect(try kinds(text) == [.duration(span)])
    }

    @Test("strings in three quotes with Go escapes", arguments: [
        (#""a\"b""#, "a\"b"), (#"'a\'b'"#, "a'b"), ("`a\\nb`", "a\\nb"), (#""\a\b\f\n\r\t\v\\""#, "\u{07}\u{08}\u{0C}\n\r\t\u{0B}\\"),
        (#""\x41\101\u00e9\U0001F600""#, "AAé😀"), ("\"é\"", "é"), ("`multi\nline`", "multi\nline"),
    ])
    func strings(text: String, value: String) throws {
        #expect(try kinds(text) == [.string(value)])
    }

    @Test("operators and punctuation, longest match first")
    func operators() throws {
        #expect(try kinds("+ - * / % ^ == != > < >= <= =~ !~ = ( ) { } [ ] , @") == [
            .plus, .minus, .star, .slash, .percent, .caret, .equalEqual, .notEqual, .greater, .less,
            .greaterEqual, .lessEqual, .regexMatch, .regexNoMatch, .assign, .leftParen, .rightParen,
            .leftBrace, .rightBrace, .leftBracket, .rightBracket, .comma, .at,
        ])
    }

    @Test("names keep colons; inside brackets a colon is punctuation")
    func colons() throws {
        #expect(try kinds("goal:progress_ratio") == [.identifier("goal:progress_ratio")])
        #expect(try kinds("x[5m:1m]") == [
            .identifier("x"), .leftBracket, .duration(.minutes(5)), .colon, .duration(.minutes(1)), .rightBracket,
        ])
    }

    @Test("comments run to the end of the line")
    func comments() throws {
        #expect(try kinds("a # b c\n+ d") == [.identifier("a"), .plus, .identifier("d")])
    }

    @Test("tokens carry byte offsets and 1-based line and column, counting characters not bytes")
    func positions() throws {
        let tokens = try PromQL.Lexer.tokens(of: "\"é\" +\n  foo")
        #expect(tokens.map(\.range.start) == [
            PromQL.Position(offset: 0, line: 1, column: 1),
            PromQL.Position(offset: 5, line: 1, column: 5),
            PromQL.Position(offset: 9, line: 2, column: 3),
            PromQL.Position(offset: 12, line: 2, column: 6),
        ])
        #expect(tokens[0].range.end == PromQL.Position(offset: 4, line: 1, column: 4))
    }
}
