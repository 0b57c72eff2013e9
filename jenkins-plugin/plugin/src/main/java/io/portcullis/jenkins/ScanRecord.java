package io.portcullis.jenkins;

import io.portcullis.engine.ComplianceScore;
import io.portcullis.engine.FailedRule;
import io.portcullis.engine.ScanSummary;
import io.portcullis.engine.SeverityCounts;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The compact result of one image scan: what travels back from the agent and what build.xml keeps (through
 * XStream, so a plain class with plain fields). The full findings stay in a file beside build.xml.
 */
public final class ScanRecord implements Serializable {
    private static final long serialVersionUID = 1L;

    private String imageReference;
    private String imageDigest;
    private String verdict;
    private boolean passed;
    private int critical;
    private int high;
    private int medium;
    private int low;
    private int unknown;
    private int suppressed;
    private int total;
    private List<String> failedRules;
    /** Each compliance benchmark the policy asked for, as the engine scored it; none in a build.xml from before. */
    private List<ComplianceScore> complianceScores;
    /** Workspace-relative paths of the reports and SBOMs, in the order they were written. */
    private List<String> reports;
    private String dbBuiltAt;
    private long dbAgeSeconds;
    private long durationMillis;
    private String toolVersion;

    private ScanRecord() {
    }

    static ScanRecord of(ScanSummary s, List<String> workspacePaths) {
        ScanRecord r = new ScanRecord();
        r.imageReference = s.getImageReference();
        r.imageDigest = s.getImageDigest();
        r.verdict = s.getVerdict();
        r.passed = s.isPassed();
        SeverityCounts open = s.getOpen();
        r.critical = open.getCritical();
        r.high = open.getHigh();
        r.medium = open.getMedium();
        r.low = open.getLow();
        r.unknown = open.getUnknown();
        r.suppressed = s.getSuppressed().getTotal();
        r.total = s.getTotal().getTotal();
        r.failedRules = new ArrayList<>();
        for (FailedRule f : s.getFailedRules()) {
            r.failedRules.add(f.getRule() + ": " + f.getMessage());
        }
        r.complianceScores = new ArrayList<>(s.getComplianceScores());
        r.reports = new ArrayList<>(workspacePaths);
        r.dbBuiltAt = s.getDbBuiltAt();
        r.dbAgeSeconds = s.getDbAgeSeconds();
        r.durationMillis = s.getDurationMillis();
        r.toolVersion = s.getToolVersion();
        return r;
    }

    /** A build.xml written before a list field existed reads it as null. */
    private Object readResolve() {
        if (failedRules == null) {
            failedRules = new ArrayList<>();
        }
        if (reports == null) {
            reports = new ArrayList<>();
        }
        if (complianceScores == null) {
            complianceScores = new ArrayList<>();
        }
        return this;
    }

    /** The step's return value: plain types only, so the Pipeline sandbox needs no script approval. */
    Map<String, Object> toStepResult() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("verdict", verdict);
        m.put("passed", passed);
        m.put("critical", critical);
        m.put("high", high);
        m.put("medium", medium);
        m.put("low", low);
        m.put("unknown", unknown);
        m.put("suppressed", suppressed);
        m.put("total", total);
        m.put("failedRules", new ArrayList<>(failedRules));
        m.put("compliance", complianceForStepResult());
        m.put("reports", new ArrayList<>(reports));
        m.put("imageDigest", imageDigest);
        return m;
    }

    /** benchmark -> passed, evaluated, failedControls: {@code r.compliance.pci_dss.passed} in a Pipeline script. */
    private Map<String, Object> complianceForStepResult() {
        Map<String, Object> byBenchmark = new LinkedHashMap<>();
        for (ComplianceScore score : complianceScores) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("passed", score.getPassed());
            m.put("evaluated", score.getEvaluated());
            m.put("failedControls", new ArrayList<>(score.getFailedControls()));
            byBenchmark.put(score.getBenchmark(), m);
        }
        return byBenchmark;
    }

    public String getImageReference() {
        return imageReference;
    }

    public String getImageDigest() {
        return imageDigest;
    }

    public String getVerdict() {
        return verdict;
    }

    public boolean isPassed() {
        return passed;
    }

    public int getCritical() {
        return critical;
    }

    public int getHigh() {
        return high;
    }

    public int getMedium() {
        return medium;
    }

    public int getLow() {
        return low;
    }

    public int getUnknown() {
        return unknown;
    }

    public int getSuppressed() {
        return suppressed;
    }

    public int getTotal() {
        return total;
    }

    public List<String> getFailedRules() {
        return List.copyOf(failedRules);
    }

    public List<ComplianceScore> getComplianceScores() {
        return List.copyOf(complianceScores);
    }

    public List<String> getReports() {
        return List.copyOf(reports);
    }

    public String getDbBuiltAt() {
        return dbBuiltAt;
    }

    public long getDbAgeSeconds() {
        return dbAgeSeconds;
    }

    public long getDurationMillis() {
        return durationMillis;
    }

    public String getToolVersion() {
        return toolVersion;
    }
}
