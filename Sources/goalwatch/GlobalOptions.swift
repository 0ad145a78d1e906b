import ArgumentParser

/// Options every subcommand takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The configuration file.",
        discussion: "Default: /etc/goalwatch/goalwatch.yml, else ./goalwatch.yml.",
        valueName: "path"
    ))
    var config: String?

    @Option(name: .long, help: "Output for people (text) or scripts (json).")
    var format: OutputFormat = .text
}

/// How a command prints its results.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text
    case table
    case json
}
