import ArgumentParser
import Foundation
import GuanxiExtract

/// The user's files that shape extraction, shared by `build` and `extract`: entities, aliases, a
/// stop list and relation rules of one's own.
struct ExtractorOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Your entities: type<TAB>name[<TAB>alias|alias] a line.", valueName: "FILE"))
    var dictionary: String?

    @Option(help: ArgumentHelp("Your aliases: alias<TAB>canonical name a line.", valueName: "FILE"))
    var aliases: String?

    @Option(help: ArgumentHelp("Names never to make entities, one a line.", valueName: "FILE"))
    var stoplist: String?

    @Option(help: ArgumentHelp("Your relation rules, written as in Resources/relations.rules, added to the shipped ones.", valueName: "FILE"))
    var rules: String?

    /// The extractor these files make, or a CLI error (exit 2) naming the file and the problem.
    func extractor() throws -> Extractor {
        do {
            let user = try UserDictionary(dictionary: dictionary, aliases: aliases, stoplist: stoplist)
            let patterns = try rules.map { try RelationPatterns.shipped.adding(file: $0) } ?? .shipped
            return Extractor(user: user, patterns: patterns)
        } catch let e as UserDictionary.LoadError {
            throw CLIError(message: e.description, code: 2)
        } catch let e as RelationPatterns.LoadError {
            throw CLIError(message: e.description, code: 2)
        }
    }
}
