package io.portcullis.azdo;

import io.portcullis.InputException;
import io.portcullis.engine.ScanType;
import io.portcullis.match.Severity;
import io.portcullis.report.ReportFormat;
import io.portcullis.sbom.SbomFormat;
import io.portcullis.vulndb.MavenRepository;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The task's inputs (task.json), checked and translated to engine values.
 *
 * @param image the engine's image argument: the image name, or the tarball's path
 * @param failOn fail at or above; null when only the policy decides
 * @param reportFormats the report files kept in the artifact, JSON and Markdown always among them
 * @param signatureKeys PEM public keys the image's cosign signature is verified with (a secure file's downloaded path works)
 * @param sbom an SBOM to validate against its schema and the image's packages
 * @param manifests Kubernetes manifest files, directories or globs, relative to {@code sourcesDirectory}, checked with the image
 * @param sourcesDirectory what relative paths are resolved against: System.DefaultWorkingDirectory, else the working directory
 * @param mavenRepository the Maven repository the checksum index beside the DB is built from; null for no index
 */
record ScanInputs(String image, String platform, Optional<RegistryServiceConnection> connection, Set<String> insecureRegistries,
                  ScanType scanType, Severity failOn, boolean failOnIssues, boolean ignoreUnfixed, Optional<Path> policyFile,
                  Optional<Path> ignoreFile, List<Path> vexFiles, List<Path> signatureKeys, Optional<Path> sbom, List<String> manifests,
                  Path sourcesDirectory, List<SbomFormat> sbomFormats, Set<ReportFormat> reportFormats,
                  boolean publishTestResults, String dbSource, String mavenRepository, boolean prStatus) {

    static ScanInputs read(TaskEnvironment env) {
        Optional<String> name = env.input("imageName");
        Optional<Path> tarball = env.pathInput("imageTarball");
        if (name.isPresent() && tarball.isPresent()) {
            throw new TaskInputException("set imageName or imageTarball, not both");
        }
        if (name.isEmpty() && tarball.isEmpty()) {
            throw new TaskInputException("set imageName (an image reference such as myregistry.io/app:1.0) or imageTarball (a docker save tar or OCI layout)");
        }
        String image = name.orElseGet(() -> tarball.get().toString());
        Optional<RegistryServiceConnection> connection = env.input("dockerRegistryServiceConnection")
                .map(id -> RegistryServiceConnection.read(env, id));

        ScanType scanType;
        try {
            scanType = ScanType.parse(env.input("scanType").orElse("vulnerability"));
        } catch (InputException e) {
            throw new TaskInputException("input scanType: " + e.getMessage());
        }
        String threshold = env.input("severityThreshold").orElse("HIGH").toUpperCase(Locale.ROOT);
        Severity failOn = null;
        if (!threshold.equals("NONE")) {
            try {
                failOn = Severity.parse(threshold);
            } catch (IllegalArgumentException e) {
                throw new TaskInputException("input severityThreshold must be CRITICAL, HIGH, MEDIUM, LOW or NONE, not '" + threshold + "'");
            }
        }

        List<SbomFormat> sboms = new ArrayList<>();
        // Unset inputs take task.json's defaults, as the agent would have filled them in.
        List<String> sbomNames = env.input("sbomFormats").isPresent() ? env.listInput("sbomFormats") : List.of("cyclonedx");
        for (String format : sbomNames) {
            if (format.equalsIgnoreCase("none")) {
                continue;
            }
            sboms.add(switch (format.toLowerCase(Locale.ROOT)) {
                case "cyclonedx", "cyclonedx-json" -> SbomFormat.CYCLONEDX_JSON;
                case "spdx", "spdx-json" -> SbomFormat.SPDX_JSON;
                default -> throw new TaskInputException("input sbomFormats: unknown SBOM format '" + format + "' (known: cyclonedx, spdx, none)");
            });
        }
        Set<ReportFormat> reports = new LinkedHashSet<>(List.of(ReportFormat.JSON, ReportFormat.MARKDOWN));
        List<String> requested = env.input("reportFormats").isPresent() ? env.listInput("reportFormats")
                : List.of("json", "sarif", "junit", "markdown", "html");
        for (String format : requested) {
            try {
                ReportFormat parsed = ReportFormat.parse(format);
                if (parsed == ReportFormat.TABLE) {
                    throw new TaskInputException("input reportFormats: the table is printed in the log, not kept as a file");
                }
                reports.add(parsed);
            } catch (InputException e) {
                throw new TaskInputException("input reportFormats: " + e.getMessage());
            }
        }
        boolean publishTestResults = env.booleanInput("publishTestResults", false);
        if (publishTestResults) {
            reports.add(ReportFormat.JUNIT);
        }
        Set<String> insecure = new LinkedHashSet<>(env.listInput("insecureRegistries"));
        List<Path> vex = workspacePaths(env, "vexFiles");
        List<Path> signatureKeys = workspacePaths(env, "signatureKeys");
        Path sourcesDirectory = env.variable("System.DefaultWorkingDirectory").map(Path::of).orElse(Path.of("")).toAbsolutePath();
        return new ScanInputs(image, env.input("platform").orElse(null), connection, Set.copyOf(insecure), scanType, failOn,
                env.booleanInput("failOnIssues", true), env.booleanInput("ignoreUnfixed", false), env.pathInput("policyFile"),
                env.pathInput("ignoreFile"), vex, signatureKeys, env.pathInput("sbom"), env.listInput("manifests"), sourcesDirectory,
                List.copyOf(sboms), java.util.Collections.unmodifiableSet(reports), publishTestResults,
                env.input("dbSource").orElse("osv.dev"), mavenRepository(env), env.booleanInput("prStatus", false));
    }

    /** One path per line, relative ones against the sources directory; absolute ones (a secure file's path) as given. */
    private static List<Path> workspacePaths(TaskEnvironment env, String input) {
        return env.listInput(input).stream()
                .map(v -> env.variable("System.DefaultWorkingDirectory").map(Path::of).map(b -> b.resolve(v)).orElse(Path.of(v)))
                .toList();
    }

    private static String mavenRepository(TaskEnvironment env) {
        String value = env.input("mavenRepository").orElse(MavenRepository.CENTRAL);
        return value.equalsIgnoreCase("none") ? null : value;
    }
}
