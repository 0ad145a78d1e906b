// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "GoalWatch",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "goalwatch", targets: ["goalwatch"]),
        .library(name: "GoalWatchCore", targets: ["GoalWatchCore"]),
        .library(name: "GoalWatchStore", targets: ["GoalWatchStore"]),
        .library(name: "GoalWatchIngest", targets: ["GoalWatchIngest"]),
        .library(name: "GoalWatchNotify", targets: ["GoalWatchNotify"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CSystemd",
            pkgConfig: "libsystemd",
            providers: [.apt(["libsystemd-dev"])]
        ),
        .systemLibrary(name: "CMalloc"),
        .target(
            name: "Systemd",
            dependencies: ["CSystemd", .product(name: "Logging", package: "swift-log")]
        ),
        .target(
            name: "GoalWatchCore",
            dependencies: [.product(name: "Yams", package: "Yams")]
        ),
        .target(
            name: "GoalWatchStore",
            dependencies: [
                "GoalWatchCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        .target(
            name: "GoalWatchIngest",
            dependencies: [
                "GoalWatchCore",
                "GoalWatchStore",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .target(
            name: "GoalWatchNotify",
            dependencies: [
                "GoalWatchCore",
                "GoalWatchStore",
                "Systemd",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOTLS", package: "swift-nio"),
            ]
        ),
        .target(
            name: "GoalWatchDaemon",
            dependencies: [
                "CMalloc",
                "GoalWatchCore",
                "GoalWatchStore",
                "GoalWatchIngest",
                "GoalWatchNotify",
                "Systemd",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOExtras", package: "swift-nio-extras"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ]
        ),
        .executableTarget(
            name: "goalwatch",
            dependencies: [
                "GoalWatchCore",
                "GoalWatchStore",
                "GoalWatchIngest",
                "GoalWatchNotify",
                "GoalWatchDaemon",
                "Systemd",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(
            name: "JournaldTestSupport",
            path: "Tests/Support/JournaldTestSupport"
        ),
        // A bound unix datagram socket, systemd's NOTIFY_SOCKET as tests see it.
        .target(name: "DatagramSocket", path: "Tests/Support/DatagramSocket"),
        .testTarget(
            name: "SystemdTests",
            dependencies: ["Systemd", "JournaldTestSupport", "DatagramSocket", .product(name: "Logging", package: "swift-log")]
        ),
        .testTarget(name: "GoalWatchCoreTests", dependencies: ["GoalWatchCore"]),
        .testTarget(name: "GoalWatchStoreTests", dependencies: ["GoalWatchStore"]),
        .target(
            name: "LoopbackHTTP",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            path: "Tests/Support/LoopbackHTTP"
        ),
        .testTarget(
            name: "GoalWatchIngestTests",
            dependencies: [
                "GoalWatchIngest",
                "GoalWatchStore",
                "LoopbackHTTP",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "GoalWatchNotifyTests",
            dependencies: [
                "GoalWatchNotify",
                "LoopbackHTTP",
                "GoalWatchStore",
                "Systemd",
                "JournaldTestSupport",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: [
                "goalwatch",
                "GoalWatchCore",
                "GoalWatchStore",
                "GoalWatchNotify",
                "LoopbackHTTP",
                "JournaldTestSupport",
                "DatagramSocket",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "GoalWatchDaemonTests",
            dependencies: [
                "GoalWatchDaemon",
                "GoalWatchCore",
                "GoalWatchStore",
                "LoopbackHTTP",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // Checks deploy/ (units, install, package) with systemd's and Debian's tools and the built binary.
        .testTarget(name: "DeployTests", dependencies: ["goalwatch"]),
    ]
)
