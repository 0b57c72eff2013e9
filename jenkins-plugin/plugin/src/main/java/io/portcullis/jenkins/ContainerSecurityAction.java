package io.portcullis.jenkins;

import hudson.model.Action;
import hudson.model.Run;
import io.portcullis.engine.ComplianceScore;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import jenkins.model.RunAction2;
import jenkins.tasks.SimpleBuildStep;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;

/**
 * The "Container Security" tab of one scanned image in one build. build.xml keeps only the {@link ScanRecord};
 * the full findings are read from the build directory when the tab asks for them, and held only weakly.
 */
public final class ContainerSecurityAction implements RunAction2, SimpleBuildStep.LastBuildAction {
    private final String urlName;
    private final ScanRecord record;

    private transient Run<?, ?> run;
    private transient WeakReference<byte[]> findings;

    ContainerSecurityAction(String urlName, ScanRecord record) {
        this.urlName = urlName;
        this.record = record;
    }

    static Path findingsDirectory(Run<?, ?> run, String urlName) {
        return run.getRootDir().toPath().resolve("portcullis").resolve(urlName);
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public String getIconFileName() {
        return "symbol-shield-checkmark-outline plugin-ionicons-api";
    }

    @Override
    public String getDisplayName() {
        return urlName.equals("container-security") ? "Container Security" : "Container Security (" + record.getImageReference() + ")";
    }

    @Override
    public String getUrlName() {
        return urlName;
    }

    public ScanRecord getRecord() {
        return record;
    }

    /** One line per benchmark for the summary box: "pci_dss: 1/3 automated controls passed; failed 6.2, 6.4". */
    public List<String> getComplianceLines() {
        return record.getComplianceScores().stream().map(ContainerSecurityAction::complianceLine).toList();
    }

    private static String complianceLine(ComplianceScore score) {
        if (score.getEvaluated() == 0) {
            return score.getBenchmark() + ": no automated control evaluated";
        }
        String line = score.getBenchmark() + ": " + score.getPassed() + "/" + score.getEvaluated() + " automated controls passed";
        return score.getFailedControls().isEmpty() ? line : line + "; failed " + String.join(", ", score.getFailedControls());
    }

    public Run<?, ?> getRun() {
        return run;
    }

    /** Links to the archived reports and SBOMs, relative to this tab's page. */
    public List<String> getArtifactLinks() {
        return record.getReports().stream().map(p -> "../artifact/" + p).toList();
    }

    /** The engine's JSON report of this scan, loaded on first use and kept only while memory allows. */
    byte[] findingsJson() throws IOException {
        WeakReference<byte[]> ref = findings;
        byte[] cached = ref == null ? null : ref.get();
        if (cached != null) {
            return cached;
        }
        try {
            byte[] loaded = Files.readAllBytes(findingsDirectory(run, urlName).resolve(ImageScan.FINDINGS_FILE));
            findings = new WeakReference<>(loaded);
            return loaded;
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** {@code .../container-security/findings}: the data the findings view renders (same origin, so CSP allows it). */
    public void doFindings(StaplerRequest2 req, StaplerResponse2 rsp) throws IOException {
        byte[] json = findingsJson();
        if (json == null) {
            rsp.sendError(404, "findings of this build are gone");
            return;
        }
        rsp.setContentType("application/json;charset=UTF-8");
        rsp.setHeader("X-Content-Type-Options", "nosniff");
        rsp.setContentLength(json.length);
        try (OutputStream out = rsp.getOutputStream()) {
            out.write(json);
        }
    }

    /** The job page's trend: contributed once per build, by the first scan of it. */
    @Override
    public Collection<? extends Action> getProjectActions() {
        return urlName.equals("container-security") && run != null ? List.of(new SecurityTrendAction(run)) : List.of();
    }
}
