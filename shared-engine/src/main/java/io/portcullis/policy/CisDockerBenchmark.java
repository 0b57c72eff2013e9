package io.portcullis.policy;

import io.portcullis.match.Severity;

import java.util.ArrayList;
import java.util.List;

/**
 * CIS Docker Benchmark 1.3.1 section 4 ("Container Images and Build File") as far as an image shows
 * it. A control passes when no unsuppressed configuration finding of that control is present;
 * controls an image cannot show are MANUAL.
 */
public final class CisDockerBenchmark {
    public static final String NAME = "cis_benchmark";
    public static final String TITLE = "CIS Docker Benchmark";
    public static final String VERSION = "1.3.1";

    private record Control(String id, String title, boolean automated, String manualReason) {
    }

    private static final List<Control> SECTION_4 = List.of(
            new Control("4.1", "Ensure that a user for the container has been created", true, null),
            new Control("4.2", "Ensure that containers use only trusted base images", false, "trust in a base image is an organisational decision"),
            new Control("4.3", "Ensure that unnecessary packages are not installed in the container", false, "which packages are necessary is the application's decision"),
            new Control("4.4", "Ensure images are scanned and rebuilt to include security patches", true, null),
            new Control("4.5", "Ensure Content trust for Docker is Enabled", false, "content trust is a client setting, not visible in an image"),
            new Control("4.6", "Ensure that HEALTHCHECK instructions have been added to container images", true, null),
            new Control("4.7", "Ensure update instructions are not used alone in the Dockerfile", true, null),
            new Control("4.8", "Ensure setuid and setgid permissions are removed", true, null),
            new Control("4.9", "Ensure that COPY is used instead of ADD in Dockerfiles", true, null),
            new Control("4.10", "Ensure secrets are not stored in Dockerfiles", true, null),
            new Control("4.11", "Ensure only verified packages are installed", false, "package signature verification happens at build time"));

    private CisDockerBenchmark() {
    }

    /** The control numbers, in the benchmark's order: what {@code compliance_requirements} may choose from. */
    public static List<String> controlIds() {
        return SECTION_4.stream().map(Control::id).toList();
    }

    /**
     * @param checks the assessed configuration findings of a scan that ran the configuration checks
     * @param vulnerabilities the assessed vulnerability findings, or null when the scan matched none (4.4 is then manual)
     */
    public static List<ControlResult> evaluate(List<AssessedCheck> checks, List<AssessedFinding> vulnerabilities) {
        List<ControlResult> results = new ArrayList<>();
        for (Control control : SECTION_4) {
            if (control.id().equals("4.4")) {
                results.add(patches(control, vulnerabilities));
            } else if (!control.automated()) {
                results.add(new ControlResult(control.id(), control.title(), ControlResult.Status.MANUAL, List.of(control.manualReason())));
            } else {
                List<String> failing = checks.stream().filter(AssessedCheck::counted)
                        .filter(c -> control.id().equals(c.finding().cisControl())).map(AssessedCheck::key).toList();
                results.add(new ControlResult(control.id(), control.title(),
                        failing.isEmpty() ? ControlResult.Status.PASS : ControlResult.Status.FAIL,
                        failing.isEmpty() ? List.of("no configuration finding of this control") : failing, failing));
            }
        }
        return List.copyOf(results);
    }

    /** Rebuilt with security patches: no counted CRITICAL or HIGH vulnerability that has a fix. */
    private static ControlResult patches(Control control, List<AssessedFinding> vulnerabilities) {
        if (vulnerabilities == null) {
            return new ControlResult(control.id(), control.title(), ControlResult.Status.MANUAL,
                    List.of("no vulnerability scan in this run (--scan-type all checks it)"));
        }
        List<String> fixable = vulnerabilities.stream().filter(AssessedFinding::counted)
                .filter(a -> a.finding().hasFix() && a.finding().severity().compareTo(Severity.HIGH) >= 0)
                .map(AssessedFinding::key).toList();
        return new ControlResult(control.id(), control.title(), fixable.isEmpty() ? ControlResult.Status.PASS : ControlResult.Status.FAIL,
                fixable.isEmpty() ? List.of("no open fixable CRITICAL or HIGH vulnerability") : fixable, fixable);
    }
}
