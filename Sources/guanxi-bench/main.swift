import Foundation

let args = Array(CommandLine.arguments.dropFirst())
func option(_ name: String) -> String? {
    guard let i = args.firstIndex(of: name), i + 1 < args.count else { return nil }
    return args[i + 1]
}
switch args.first {
case "generate":
    let mb = Double(option("--mb") ?? "1") ?? 1
    let out = option("--out") ?? "/tmp/guanxi-bench/corpus"
    let gen = CorpusGenerator(divisionsPath: option("--divisions") ?? "Sources/GuanxiExtract/Resources/divisions.tsv")
    let paths = try gen.write(bytes: Int(mb * 1_000_000), to: out)
    print("\(paths.count) documents in \(out)")
default:
    print("usage: guanxi-bench generate --mb N --out DIR")
}
