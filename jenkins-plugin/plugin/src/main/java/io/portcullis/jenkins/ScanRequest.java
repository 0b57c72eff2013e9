package io.portcullis.jenkins;

import hudson.AbortException;
import java.util.List;

/** The parameters a user gave the step or the builder, before the global defaults fill the gaps. */
final class ScanRequest {
    static final List<String> DEFAULT_SBOM_FORMATS = List.of("cyclonedx", "spdx");
    static final List<String> DEFAULT_REPORT_FORMATS = List.of("json", "sarif", "html");

    private final String image;
    private final String input;
    private final String credentialsId;
    private final String platform;
    private final String policy;
    private final String failOn;
    private final boolean ignoreUnfixed;
    private final String ignoreFile;
    private final List<String> vex;
    private final List<String> sbomFormats;
    private final List<String> reportFormats;
    private final String gateResult;
    private final String dbSource;
    private final String scanType;
    private final List<String> signatureKeys;
    private final String sbom;
    private final List<String> manifests;

    ScanRequest(String image, String input, String credentialsId, String platform, String policy, String failOn,
            boolean ignoreUnfixed, String ignoreFile, List<String> vex, List<String> sbomFormats, List<String> reportFormats,
            String gateResult, String dbSource, String scanType, List<String> signatureKeys, String sbom,
            List<String> manifests) {
        this.image = blankToNull(image);
        this.input = blankToNull(input);
        this.credentialsId = blankToNull(credentialsId);
        this.platform = blankToNull(platform);
        this.policy = blankToNull(policy);
        this.failOn = blankToNull(failOn);
        this.ignoreUnfixed = ignoreUnfixed;
        this.ignoreFile = blankToNull(ignoreFile);
        this.vex = vex == null ? List.of() : List.copyOf(vex);
        this.sbomFormats = sbomFormats == null ? DEFAULT_SBOM_FORMATS : List.copyOf(sbomFormats);
        this.reportFormats = reportFormats == null ? DEFAULT_REPORT_FORMATS : List.copyOf(reportFormats);
        this.gateResult = blankToNull(gateResult);
        this.dbSource = blankToNull(dbSource);
        this.scanType = blankToNull(scanType);
        this.signatureKeys = signatureKeys == null ? List.of() : List.copyOf(signatureKeys);
        this.sbom = blankToNull(sbom);
        this.manifests = manifests == null ? List.of() : manifests.stream().map(ScanRequest::blankToNull).filter(m -> m != null).toList();
    }

    String getCredentialsId() {
        return credentialsId;
    }

    GateResult gate(PortcullisConfiguration config) throws AbortException {
        return GateResult.parse(gateResult != null ? gateResult : config.getDefaultGateResult());
    }

    ScanParameters resolve(PortcullisConfiguration config, String outputFolder) throws AbortException {
        if ((image == null) == (input == null)) {
            throw new AbortException("Portcullis: give either image (a registry reference) or input (a docker save tarball or OCI layout in the workspace)");
        }
        String effectivePolicy = policy != null ? policy : blankToNull(config.getDefaultPolicy());
        String effectiveDb = dbSource != null ? dbSource : config.getDbSource();
        return new ScanParameters(image, input, platform, effectivePolicy, failOn, ignoreUnfixed, ignoreFile, vex, sbomFormats,
                reportFormats, scanType, effectiveDb, config.getMaxDbAgeHours() * 3600L, config.mavenRepositoryOrNull(),
                blankToNull(config.getCacheDirectory()),
                config.insecureRegistrySet(), outputFolder, signatureKeys, sbom, manifests);
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
