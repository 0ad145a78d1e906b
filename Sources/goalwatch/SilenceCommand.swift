import ArgumentParser
import Foundation
import GoalWatchCore
import GoalWatchDaemon
import GoalWatchNotify

/// `goalwatch silence add|list|expire`: mute alerts for a while, with a reason (DESIGN §8).
struct SilenceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "silence",
        abstract: "Add, list and expire silences.",
        discussion: """
        A silence mutes the notifications of every alert its matchers match, from its start to its end;
        alerts still fire and are written to journald. Silences are kept in the store, so the running
        daemon sees them at its next flush.

        Examples:
          goalwatch silence add 'goal="ig-followers"' --duration 2h --comment "campaign paused"
          goalwatch silence list --format json
          goalwatch silence expire 6f1c…
        """,
        subcommands: [SilenceAddCommand.self, SilenceListCommand.self, SilenceExpireCommand.self]
    )
}

/// `goalwatch silence add MATCHER… --comment …`.
struct SilenceAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a silence; prints its id.")

    @OptionGroup var options: GlobalOptions

    @Argument(help: ArgumentHelp(
        "Matchers such as 'goal=\"ig-followers\"' or 'severity=~\"warning|info\"' (all must match).",
        valueName: "matcher"))
    var matchers: [String]

    @Option(help: ArgumentHelp("Why; shown to everyone who lists silences.", valueName: "text"))
    var comment: String

    @Option(help: ArgumentHelp("Who adds it. Default: $USER.", valueName: "name"))
    var author: String?

    @Option(help: ArgumentHelp("Start: RFC 3339 or now+1h. Default: now.", valueName: "time"))
    var start: String?

    @Option(help: ArgumentHelp("End: RFC 3339 or now+2h. Default: start + --duration.", valueName: "time"))
    var end: String?

    @Option(help: ArgumentHelp("How long it lasts when --end is not given, e.g. 2h or 3d.", valueName: "duration"))
    var duration: String = "1h"

    func run() throws {
        let now = Timestamp.now
        let startsAt = try TimeArgument.parse(start, option: "--start", now: now)
        let endsAt: Timestamp
        if end != nil {
            endsAt = try TimeArgument.parse(end, option: "--end", now: now)
        } else {
            guard let span = TimeSpan(duration), span.milliseconds > 0 else {
                printError("--duration: expected a duration such as 2h or 3d, found \(duration)")
                throw ExitCode(1)
            }
            endsAt = startsAt + span
        }
        let silence: Silence
        do {
            let author = author ?? ProcessInfo.processInfo.environment["USER"] ?? ""
            silence = try SilenceDraft(matchers: matchers, startsAt: startsAt, endsAt: endsAt, createdBy: author, comment: comment)
                .silence(at: now)
        } catch {
            printError(error.message)
            throw ExitCode(1)
        }
        let configuration = try ConfigurationFile.load(explicit: options.config)
        try SilenceBook(store: try StoreOpener.open(configuration)).save(silence)
        switch options.format {
        case .json: try JSONOutput.print(SilenceRow(silence, now: now).json)
        case .text, .table: print(silence.id)
        }
    }
}

/// `goalwatch silence list`.
struct SilenceListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List pending and active silences (with --expired, expired ones too).",
        discussion: #"JSON: [{"id", "matchers": ["goal=\"ig\""], "starts_at", "ends_at", "created_by", "comment", "created_at", "state"}]"#)

    @OptionGroup var options: GlobalOptions

    @Flag(help: "Include expired silences.")
    var expired = false

    func run() throws {
        let now = Timestamp.now
        let configuration = try ConfigurationFile.load(explicit: options.config)
        let silences = try SilenceBook(store: try StoreOpener.open(configuration)).all()
            .filter { expired || $0.state(at: now) != .expired }
            .sorted { ($0.startsAt, $0.id) < ($1.startsAt, $1.id) }
        let rows = silences.map { SilenceRow($0, now: now) }
        switch options.format {
        case .json:
            try JSONOutput.print(rows.map(\.json))
        case .text, .table:
            print(TextTable(
                header: ["ID", "STATE", "MATCHERS", "STARTS", "ENDS", "CREATED BY", "COMMENT"], rows: rows.map(\.cells)
            ).rendered, terminator: "")
        }
    }
}

/// `goalwatch silence expire ID…`.
struct SilenceExpireCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "expire", abstract: "End silences now.")

    @OptionGroup var options: GlobalOptions

    @Argument(help: ArgumentHelp("Ids of the silences to end.", valueName: "id"))
    var ids: [String]

    func run() throws {
        let configuration = try ConfigurationFile.load(explicit: options.config)
        let book = SilenceBook(store: try StoreOpener.open(configuration))
        var failed = false
        var results: [[String: Any]] = []
        for id in ids {
            do {
                try book.expire(id: id, at: .now)
                if options.format == .json { results.append(["id": id, "expired": true]) } else { print("expired \(id)") }
            } catch let error as SilenceError {
                printError(error.description)
                results.append(["id": id, "expired": false, "error": error.description])
                failed = true
            }
        }
        if options.format == .json { try JSONOutput.print(results) }
        if failed { throw ExitCode(1) }
    }
}

/// One silence as `silence list` shows it.
struct SilenceRow {
    var silence: Silence
    var now: Timestamp

    var state: Silence.State { silence.state(at: now) }

    init(_ silence: Silence, now: Timestamp) {
        self.silence = silence
        self.now = now
    }

    var json: [String: Any] { silence.json(at: now) }

    var cells: [String] {
        [
            silence.id, state.rawValue, silence.matchers.map(\.description).joined(separator: ", "), silence.startsAt.rfc3339,
            silence.endsAt.rfc3339, silence.createdBy, silence.comment,
        ]
    }
}
