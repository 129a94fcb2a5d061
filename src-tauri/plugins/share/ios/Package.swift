// swift-tools-version:5.5

import PackageDescription

let package = Package(
  name: "tauri-plugin-baohao-share",
  platforms: [
    .macOS(.v10_13),
    .iOS(.v14),
  ],
  products: [
    // The library name must be the crate name: tauri-plugin's build links it by that name.
    .library(
      name: "tauri-plugin-baohao-share",
      type: .static,
      targets: ["tauri-plugin-baohao-share"])
  ],
  dependencies: [
    // copied in by tauri-plugin's build script
    .package(name: "Tauri", path: "../.tauri/tauri-api")
  ],
  targets: [
    .target(
      name: "tauri-plugin-baohao-share",
      dependencies: [
        .byName(name: "Tauri")
      ],
      path: "Sources")
  ]
)
