package io.portcullis.engine;

import io.portcullis.policy.Assessment;
import io.portcullis.scan.ScanResult;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/** Everything one scan produced: the findings, the policy's assessment, the files written and the summary. */
public final class ScanOutcome {

    private final ScanResult result;
    private final Assessment assessment;
    private final List<Path> writtenFiles;
    private final ScanSummary summary;

    ScanOutcome(ScanResult result, Assessment assessment, List<Path> writtenFiles, ScanSummary summary) {
        this.result = Objects.requireNonNull(result, "result");
        this.assessment = Objects.requireNonNull(assessment, "assessment");
        this.writtenFiles = List.copyOf(writtenFiles);
        this.summary = Objects.requireNonNull(summary, "summary");
    }

    /** Image, inventory, every finding, the DB used. */
    public ScanResult result() {
        return result;
    }

    /** Each finding with its treatment (suppressed, shown, counted) and the verdict with its rules and warnings. */
    public Assessment assessment() {
        return assessment;
    }

    public boolean passed() {
        return assessment.verdict().passed();
    }

    /** Reports and SBOMs written to files, in the spec's order. */
    public List<Path> writtenFiles() {
        return writtenFiles;
    }

    public ScanSummary summary() {
        return summary;
    }
}
