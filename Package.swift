// swift-tools-version:6.0
// Guanxi (关系): Chinese news → typed knowledge graph of officials, companies, parks and policies.
//
// The targets follow the pipeline:
//   GuanxiText     read → normalize → split        (encodings, OpenCC, articles, sentences)
//   GuanxiExtract  recognize → relate → resolve    (entities, relations, aliases; evaluation)
//   GuanxiGraph    graph                           (typed adjacency lists, algorithms, SQLite/JSON store, export)
//   GuanxiBuild    build                           (CorpusBuilder: inputs → extraction in parallel → store)
//   GuanxiRender   render / report                 (DOT, libgvc in-process, HTML/Markdown reports)
//   guanxi         the command-line tool, a thin layer over the libraries
import PackageDescription

let package = Package(
    name: "Guanxi",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "guanxi", targets: ["guanxi"]),
        .library(name: "GuanxiGraph", targets: ["GuanxiGraph"]),
        .library(name: "GuanxiText", targets: ["GuanxiText"]),
        .library(name: "GuanxiExtract", targets: ["GuanxiExtract"]),
        .library(name: "GuanxiRender", targets: ["GuanxiRender"]),
        .library(name: "GuanxiBuild", targets: ["GuanxiBuild"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // System libraries (Debian: libgraphviz-dev, libopencc-dev).
        .systemLibrary(name: "CGraphviz", pkgConfig: "libgvc",
                       providers: [.apt(["libgraphviz-dev"])]),
        .systemLibrary(name: "COpenCC", pkgConfig: "opencc",
                       providers: [.apt(["libopencc-dev"])]),
        // SQLite, the graph store (Debian: libsqlite3-dev); no third-party Swift wrapper.
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3",
                       providers: [.apt(["libsqlite3-dev"])]),

        .target(name: "GuanxiGraph", dependencies: ["CSQLite"]),
        .target(name: "GuanxiText", dependencies: ["COpenCC"], resources: [.copy("Resources/surnames.txt")]),
        .target(name: "GuanxiExtract",
                dependencies: ["GuanxiText", "GuanxiGraph"],
                resources: [.copy("Resources/divisions.tsv"), .copy("Resources/triggers.tsv"), .copy("Resources/lexicon.tsv"), .copy("Resources/relations.rules")]),
        .target(name: "GuanxiRender", dependencies: ["GuanxiGraph", "CGraphviz"]),
        // Build logic (collect, skip held documents, extract in parallel, merge into the store).
        .target(name: "GuanxiBuild", dependencies: ["GuanxiText", "GuanxiExtract", "GuanxiGraph"]),
        .executableTarget(name: "guanxi", dependencies: [
            "GuanxiBuild", "GuanxiGraph", "GuanxiText", "GuanxiExtract", "GuanxiRender",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // `make bench`: corpus generator and the performance table (docs/performance.md).
        // Deterministic generators shared by the tests and the benchmark.
        .target(name: "GuanxiTestSupport"),
        .executableTarget(name: "guanxi-bench", dependencies: [
            "GuanxiTestSupport", "GuanxiBuild",
            "GuanxiGraph", "GuanxiText", "GuanxiExtract", "GuanxiRender",
        ]),

        .testTarget(name: "GuanxiGraphTests", dependencies: ["GuanxiGraph", "GuanxiTestSupport"]),
        .testTarget(name: "GuanxiTextTests", dependencies: ["GuanxiText", "GuanxiTestSupport"]),
        .testTarget(name: "GuanxiExtractTests", dependencies: ["GuanxiExtract", "GuanxiGraph", "GuanxiText"]),
        .testTarget(name: "GuanxiRenderTests", dependencies: ["GuanxiRender", "GuanxiGraph"]),
        .testTarget(name: "GuanxiCLITests", dependencies: ["GuanxiGraph", "GuanxiText"], exclude: ["Golden"]),
        .testTarget(name: "GuanxiStoreTests", dependencies: ["GuanxiBuild", "GuanxiGraph", "GuanxiExtract", "GuanxiText", "GuanxiTestSupport"]),
        .testTarget(name: "GuanxiRobustnessTests", dependencies: ["GuanxiGraph", "GuanxiText", "GuanxiExtract", "GuanxiTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
