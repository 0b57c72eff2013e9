package io.portcullis.sbom;

import io.portcullis.match.Finding;
import org.cyclonedx.model.vulnerability.Vulnerability;
import org.cyclonedx.model.vulnerability.Vulnerability.Analysis;
import org.cyclonedx.model.vulnerability.Vulnerability.Rating;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps findings to CycloneDX vulnerabilities: one entry per finding, i.e. per (vulnerability,
 * package), because severity, fix and analysis can differ between packages hit by the same advisory.
 *
 * <p>Every id is attributed to OSV, our native source, which serves every advisory and alias id.
 */
final class CycloneDxVulnerabilities {

    private CycloneDxVulnerabilities() {
    }

    /** A full entry for a vulnerability disclosure report: ratings, advisories, fix, affected version. */
    static Vulnerability disclosure(Finding finding, List<String> bomRefs) {
        Vulnerability vulnerability = identity(finding, bomRefs);
        vulnerability.setRatings(List.of(rating(finding)));
        vulnerability.setDescription(finding.summary());
        List<Vulnerability.Advisory> advisories = new ArrayList<>();
        for (String reference : finding.references()) {
            if (isAbsoluteUrl(reference)) {
                Vulnerability.Advisory advisory = new Vulnerability.Advisory();
                advisory.setUrl(reference);
                advisories.add(advisory);
            }
        }
        if (!advisories.isEmpty()) {
            vulnerability.setAdvisories(advisories);
        }
        if (finding.hasFix()) {
            vulnerability.setRecommendation("Upgrade " + finding.pkg().name() + " to " + String.join(" or ", finding.fixedVersions()));
        }
        List<Vulnerability.Version> versions = new ArrayList<>();
        versions.add(version(finding.pkg().version(), Vulnerability.Version.Status.AFFECTED));
        finding.fixedVersions().forEach(fixed -> versions.add(version(fixed, Vulnerability.Version.Status.UNAFFECTED)));
        vulnerability.getAffects().get(0).setVersions(versions);
        return vulnerability;
    }

    /**
     * A VEX entry for a finding nobody has analysed yet. It is {@code in_triage}, not
     * {@code exploitable}: a version match alone does not show that the code can be exploited.
     */
    static Vulnerability untriaged(Finding finding, List<String> bomRefs) {
        Vulnerability vulnerability = identity(finding, bomRefs);
        Analysis analysis = new Analysis();
        analysis.setState(Analysis.State.IN_TRIAGE);
        vulnerability.setAnalysis(analysis);
        return vulnerability;
    }

    /** A VEX entry stating why a suppressed finding does not count. */
    static Vulnerability suppressed(Suppression suppression, List<String> bomRefs) {
        Vulnerability vulnerability = identity(suppression.finding(), bomRefs);
        Analysis analysis = new Analysis();
        analysis.setState(Analysis.State.valueOf(suppression.state().name()));
        if (suppression.justification() != null) {
            analysis.setJustification(Analysis.Justification.valueOf(suppression.justification().name()));
        }
        analysis.setDetail(suppression.detail());
        vulnerability.setAnalysis(analysis);
        return vulnerability;
    }

    private static Vulnerability identity(Finding finding, List<String> bomRefs) {
        Vulnerability vulnerability = new Vulnerability();
        vulnerability.setId(finding.vulnerabilityId());
        vulnerability.setSource(osvSource(finding.vulnerabilityId()));
        if (!finding.aliases().isEmpty()) {
            List<Vulnerability.Reference> references = new ArrayList<>();
            for (String alias : finding.aliases()) {
                Vulnerability.Reference reference = new Vulnerability.Reference();
                reference.setId(alias);
                reference.setSource(osvSource(alias));
                references.add(reference);
            }
            vulnerability.setReferences(references);
        }
        List<Vulnerability.Affect> affects = new ArrayList<>();
        for (String bomRef : bomRefs) {
            Vulnerability.Affect affect = new Vulnerability.Affect();
            affect.setRef(bomRef);
            affects.add(affect);
        }
        vulnerability.setAffects(affects);
        return vulnerability;
    }

    private static Vulnerability.Source osvSource(String id) {
        Vulnerability.Source source = new Vulnerability.Source();
        source.setName("OSV");
        source.setUrl("https://osv.dev/vulnerability/" + URLEncoder.encode(id, StandardCharsets.UTF_8));
        return source;
    }

    private static Rating rating(Finding finding) {
        Rating rating = new Rating();
        rating.setSeverity(switch (finding.severity()) {
            case CRITICAL -> Rating.Severity.CRITICAL;
            case HIGH -> Rating.Severity.HIGH;
            case MEDIUM -> Rating.Severity.MEDIUM;
            case LOW -> Rating.Severity.LOW;
            case UNKNOWN -> Rating.Severity.UNKNOWN;
        });
        rating.setScore(finding.cvssScore());
        if (finding.cvssVector() != null) {
            rating.setVector(finding.cvssVector());
            rating.setMethod(method(finding.cvssVector()));
        }
        if (finding.severitySource() != null) {
            Vulnerability.Source source = new Vulnerability.Source();
            source.setName(finding.severitySource());
            rating.setSource(source);
        }
        return rating;
    }

    /** CVSS v3 and v4 vectors name their version; a v2 vector has no prefix and starts with the access vector. */
    static Rating.Method method(String vector) {
        if (vector.startsWith("CVSS:3.1/")) {
            return Rating.Method.CVSSV31;
        }
        if (vector.startsWith("CVSS:3.0/")) {
            return Rating.Method.CVSSV3;
        }
        if (vector.startsWith("CVSS:4.0/")) {
            return Rating.Method.CVSSV4;
        }
        return vector.startsWith("AV:") ? Rating.Method.CVSSV2 : Rating.Method.OTHER;
    }

    private static Vulnerability.Version version(String version, Vulnerability.Version.Status status) {
        Vulnerability.Version entry = new Vulnerability.Version();
        entry.setVersion(version);
        entry.setStatus(status);
        return entry;
    }

    private static boolean isAbsoluteUrl(String text) {
        try {
            return new URI(text).isAbsolute();
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
