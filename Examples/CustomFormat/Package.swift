// swift-tools-version: 6.1
import Foundation
import PackageDescription

// The cues package this example sits in, two folders up. A package
// depended on by path is known by its folder's name, which is the
// checkout's: read it here rather than assume it.
let cuesFolder = URL(fileURLWithPath: Context.packageDirectory).deletingLastPathComponent().deletingLastPathComponent()
let cues = cuesFolder.lastPathComponent
let cueKit = Target.Dependency.product(name: "CueKit", package: cues)

// A format defined outside CueKit: captions kept in a spreadsheet and
// exported as CSV, registered beside the standard formats.
let package = Package(
    name: "CustomFormat",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "CaptionsCSV", targets: ["CaptionsCSV"]),
        .executable(name: "csv-captions", targets: ["csv-captions"]),
    ],
    dependencies: [
        .package(path: "../.."),
    ],
    targets: [
        .target(name: "CaptionsCSV", dependencies: [cueKit]),
        .executableTarget(name: "csv-captions", dependencies: ["CaptionsCSV", cueKit]),
        .testTarget(name: "CaptionsCSVTests", dependencies: ["CaptionsCSV", cueKit]),
    ],
    swiftLanguageModes: [.v6]
)
