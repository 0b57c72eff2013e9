package io.portcullis.cli;

import io.portcullis.engine.ScanOutcome;
import io.portcullis.engine.ScanSpec;
import io.portcullis.match.Severity;
import io.portcullis.policy.GateOptions;
import io.portcullis.policy.IgnoreFileLoader;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What every gated command shares between its findings and its exit code: which findings are shown, which are
 * suppressed, when the gate fails besides the policy, and the exit code of a failed gate.
 */
final class VerdictOptions {

    @Option(names = "--ignorefile", paramLabel = "FILE", description = ".portcullisignore.yaml or .trivyignore (repeatable; default: those in the current directory).")
    List<Path> ignoreFiles = new ArrayList<>();

    @Option(names = "--severity", paramLabel = "LIST", description = "Severities to show, e.g. CRITICAL,HIGH (default: all).")
    String severities;

    @Option(names = "--exit-code", paramLabel = "N", description = "Exit code when the gate fails (default: 1).")
    Integer exitCode;

    @Option(names = "--fail-on", paramLabel = "SEVERITY", description = "Fail when any counted finding is at or above this severity.")
    String failOn;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /** Bad values are usage errors (exit 2), caught before the image or a manifest is read. */
    void applyTo(ScanSpec.Builder spec) {
        Set<Severity> shown = OptionValue.parse(command.commandLine(),
                () -> severities == null ? Set.of() : GateOptions.parseSeverities(severities));
        Severity failOnSeverity = OptionValue.parse(command.commandLine(),
                () -> failOn == null ? null : GateOptions.parseSeverity(failOn, "--fail-on"));
        if (exitCode != null && (exitCode < 0 || exitCode > 255)) {
            throw new ParameterException(command.commandLine(), "--exit-code must be between 0 and 255, got " + exitCode);
        }
        spec.severities(shown).failOn(failOnSeverity);
        if (exitCode != null) {
            spec.exitCodeOnFailure(exitCode);
        }
        for (Path file : ignoreFiles.isEmpty() ? IgnoreFileLoader.defaultFiles(Path.of("")) : ignoreFiles) {
            spec.ignoreFile(file);
        }
    }

    int exitCode(ScanOutcome outcome) {
        if (outcome.passed()) {
            return PortcullisCli.EXIT_PASS;
        }
        return exitCode != null ? exitCode : PortcullisCli.EXIT_GATE_FAILED;
    }
}
