package io.portcullis.jenkins;

import java.io.Serializable;
import java.util.List;
import java.util.Set;

/**
 * What one scan is asked to do, resolved on the controller (step parameters over global defaults) and sent to
 * the agent inside {@link AgentScan}. Holds no secret.
 */
final class ScanParameters implements Serializable {
    private static final long serialVersionUID = 1L;

    final String image;
    final String input;
    final String platform;
    final String policy;
    final String failOn;
    final boolean ignoreUnfixed;
    final String ignoreFile;
    final List<String> vex;
    final List<String> sbomFormats;
    final List<String> reportFormats;
    final String scanType;
    final String dbSource;
    final long maxDbAgeSeconds;
    /** Where the agent builds the Maven checksum index from; null for no index. */
    final String mavenRepository;
    final String cacheDirectory;
    final Set<String> insecureRegistries;
    /** Workspace-relative folder the reports and SBOMs of this scan go to. */
    final String outputFolder;
    /** Workspace-relative PEM public key files for the signature check. */
    final List<String> signatureKeys;
    /** Workspace-relative SBOM to validate against the image, or null. */
    final String sbom;
    /** Workspace-relative Kubernetes manifest files, directories or globs checked with the image. */
    final List<String> manifests;

    ScanParameters(String image, String input, String platform, String policy, String failOn, boolean ignoreUnfixed,
            String ignoreFile, List<String> vex, List<String> sbomFormats, List<String> reportFormats, String scanType,
            String dbSource, long maxDbAgeSeconds, String mavenRepository, String cacheDirectory, Set<String> insecureRegistries, String outputFolder,
            List<String> signatureKeys, String sbom, List<String> manifests) {
        this.image = image;
        this.input = input;
        this.platform = platform;
        this.policy = policy;
        this.failOn = failOn;
        this.ignoreUnfixed = ignoreUnfixed;
        this.ignoreFile = ignoreFile;
        this.vex = List.copyOf(vex);
        this.sbomFormats = List.copyOf(sbomFormats);
        this.reportFormats = List.copyOf(reportFormats);
        this.scanType = scanType;
        this.dbSource = dbSource;
        this.maxDbAgeSeconds = maxDbAgeSeconds;
        this.mavenRepository = mavenRepository;
        this.cacheDirectory = cacheDirectory;
        this.insecureRegistries = Set.copyOf(insecureRegistries);
        this.outputFolder = outputFolder;
        this.signatureKeys = List.copyOf(signatureKeys);
        this.sbom = sbom;
        this.manifests = List.copyOf(manifests);
    }

    /** The image as the user named it: the registry reference, or the workspace file. */
    String subject() {
        return image != null ? image : input;
    }
}
