// swift-tools-version:6.0
// The notification-delivery benchmark's programs (bench/notify_bench.py runs them). A package of its
// own so that neither `swift build` nor CI builds them: build with `swift build -c release` here.
import PackageDescription

let package = Package(
    name: "GoalWatchNotifyBench",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "GoalWatch", path: "../.."),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: [
        .executableTarget(
            name: "notify-bench-driver",
            dependencies: [
                .product(name: "GoalWatchCore", package: "GoalWatch"),
                .product(name: "GoalWatchStore", package: "GoalWatch"),
                .product(name: "GoalWatchNotify", package: "GoalWatch"),
            ]
        ),
        .executableTarget(
            name: "notify-bench-sink",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ]
        ),
    ]
)
