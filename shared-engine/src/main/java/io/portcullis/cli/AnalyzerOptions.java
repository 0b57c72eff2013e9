package io.portcullis.cli;

import io.portcullis.analyzer.Analyzer;
import io.portcullis.scan.BuiltInAnalyzers;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Model.CommandSpec;

import java.util.Set;
import java.util.TreeSet;

/**
 * Which analyzers run. Hidden: it exists to measure what one analyzer costs (docs/benchmarks.md),
 * not as a user feature, since a left-out analyzer silently shortens the SBOM.
 */
final class AnalyzerOptions {

    @Option(names = "--exclude-analyzer", paramLabel = "ID", hidden = true, split = ",",
            description = "Leave out the analyzer with this id (repeatable), e.g. java-archive.")
    Set<String> excluded = Set.of();

    /** The ids to leave out; an unknown one is a usage error. */
    Set<String> excluded(CommandSpec spec) {
        Set<String> unknown = new TreeSet<>(excluded);
        BuiltInAnalyzers.all().forEach(analyzer -> unknown.remove(analyzer.id()));
        if (!unknown.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "unknown analyzer id " + unknown + "; known: "
                    + BuiltInAnalyzers.all().stream().map(Analyzer::id).toList());
        }
        return excluded;
    }
}
