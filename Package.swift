// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "cues",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "CueKit", targets: ["CueKit"]),
        .executable(name: "cues", targets: ["cues"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),
        .target(
            name: "CueKit",
            dependencies: ["Yams", "CLibXML2", "CUTF8Validation", "CByteScan"]
        ),
        // UTF-8 validation 32 bytes at a time (AVX2) or 16 (SSSE3), where
        // the processor has them, noting carriage returns and NULs in the
        // same pass; CueKit's own automaton everywhere else.
        .target(name: "CUTF8Validation"),
        // A line's end and whether the line may hold an arrow or markup, in
        // one pass of SSE2 compares inlined into WebVTT's reader.
        .target(name: "CByteScan"),
        .target(name: "CSystemCalls"),
        // libcurl, loaded on demand with dlopen when a download is asked for.
        .target(name: "CCurl", linkerSettings: [.linkedLibrary("dl")]),
        .executableTarget(
            name: "cues",
            dependencies: ["CueKit", "CSystemCalls", "CCurl"],
            // A position-dependent executable: the dynamic loader then has
            // no 78,000 relative relocations to apply (and pages to copy)
            // before main, a tenth of a small conversion's time.
            linkerSettings: [.unsafeFlags(["-Xclang-linker", "-no-pie"], .when(platforms: [.linux], configuration: .release))]
        ),
        .executableTarget(name: "cues-bench", path: "Sources/CuesBenchmark"),
        .executableTarget(name: "cues-fuzz", dependencies: ["CueKit"], path: "Sources/CuesFuzz"),
        .testTarget(
            name: "CueKitTests",
            dependencies: ["CueKit", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(name: "CuesCLITests", dependencies: ["CueKit", "cues", "cues-fuzz"]),
    ],
    swiftLanguageModes: [.v6]
)
