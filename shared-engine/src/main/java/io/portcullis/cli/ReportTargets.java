package io.portcullis.cli;

import io.portcullis.engine.ScanSpec;
import io.portcullis.report.ReportFormat;
import io.portcullis.report.ReportTarget;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The {@code --format FORMAT[=FILE]} values of a command: table to standard output by default, at most one report there (two would interleave). */
final class ReportTargets {
    private final List<ReportTarget> targets;

    private ReportTargets(List<ReportTarget> targets) {
        this.targets = List.copyOf(targets);
    }

    /**
     * @param refused formats this command cannot write, each refused with {@code "--format VALUE: " + why}
     * @throws ParameterException an unknown or refused format, or a second report to standard output
     */
    static ReportTargets parse(CommandLine command, List<String> formats, Set<ReportFormat> refused, String why) {
        List<ReportTarget> targets = new ArrayList<>();
        for (String format : formats.isEmpty() ? List.of("table") : formats) {
            ReportTarget target = OptionValue.parse(command, () -> ReportTarget.parse(format));
            if (refused.contains(target.format())) {
                throw new ParameterException(command, "--format " + format.trim() + ": " + why);
            }
            targets.add(target);
        }
        if (targets.stream().filter(t -> t.path() == null).count() > 1) {
            throw new ParameterException(command, "only one --format can go to standard output; give the others a file: --format FORMAT=FILE");
        }
        return new ReportTargets(targets);
    }

    /** Whether the table goes to standard output, where progress lines on a terminal would get in its way. */
    boolean tableOnStdout() {
        return targets.stream().anyMatch(t -> t.format() == ReportFormat.TABLE && t.path() == null);
    }

    void addTo(ScanSpec.Builder spec, OutputStream stdout) {
        for (ReportTarget target : targets) {
            if (target.path() == null) {
                spec.report(target.format(), stdout);
            } else {
                spec.report(target.format(), target.path());
            }
        }
    }
}
