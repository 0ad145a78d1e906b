import ArgumentParser
import GoalWatchCore

/// Parses an expression given on the command line, showing where it is wrong.
enum ExpressionArgument {
    static func parse(_ text: String) throws -> PromQL.Expression {
        do {
            return try PromQL.parse(text)
        } catch {
            var message = "invalid expression: \(error.message)"
            if let location = error.location, location.line > 0 {
                let line = text.split(separator: "\n", omittingEmptySubsequences: false)[location.line - 1]
                message += "\n  \(line)\n  \(String(repeating: " ", count: max(0, location.column - 1)))^"
            }
            printError(message)
            throw ExitCode(1)
        }
    }
}

/// Parses `--at`, `--from` and `--to`: RFC 3339 or `now-2h`.
enum TimeArgument {
    static func parse(_ text: String?, option: String, now: Timestamp = .now) throws -> Timestamp {
        guard let text else { return now }
        do {
            return try Timestamp.parse(text, now: now)
        } catch {
            printError("\(option): \(error.message)")
            throw ExitCode(1)
        }
    }
}
