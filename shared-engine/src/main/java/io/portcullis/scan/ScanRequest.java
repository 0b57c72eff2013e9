package io.portcullis.scan;

import io.portcullis.TempDirectory;
import io.portcullis.inventory.analyzer.Analyzer;
import io.portcullis.check.CheckKind;
import io.portcullis.image.ImageSourceOptions;
import io.portcullis.image.registry.RegistryCredentials;
import io.portcullis.layer.LayerCache;
import io.portcullis.layer.LayerLimits;
import io.portcullis.signature.PublicKeys;
import io.portcullis.secret.SecretAnalyzer;
import io.portcullis.secret.SecretSettings;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What to scan and how: the one input of {@link ImageScanner}, shared by the CLI and both CI front ends.
 *
 * @param image the image argument as a user writes it ("alpine:3.11", "docker-archive:app.tar", "oci:dir:tag", "rootfs:/")
 * @param source how to open it (platform, credentials, size cap); its temp dir is replaced by {@code tempDirectory}
 * @param analyzers which file formats to read
 * @param cache the per-layer analysis cache, or {@link LayerCache#disabled()}
 * @param limits decompression limits per layer and per analysed file
 * @param tempDirectory where every temp file of the scan goes (a decompressed archive, copies analyzers need random access to)
 * @param matchVulnerabilities whether the inventory is matched against the vulnerability DB
 * @param checks the kinds of check findings to look for besides vulnerabilities; with {@link CheckKind#SECRET}
 *     the secret analyzer joins {@code analyzers} in the layer pass
 * @param secrets the secret rules and allow-list, for a scan that looks for secrets
 * @param signatureKeys the keys the image's signature is verified with; none: the signature is not looked up
 * @param registryCredentials the only registry credentials used, each sent to its own registry
 */
public record ScanRequest(String image, ImageSourceOptions source, List<Analyzer> analyzers, LayerCache cache, LayerLimits limits,
                          TempDirectory tempDirectory, boolean matchVulnerabilities, Set<CheckKind> checks, SecretSettings secrets,
                          PublicKeys signatureKeys, RegistryCredentials registryCredentials) {

    /** A vulnerability scan. */
    public ScanRequest(String image, ImageSourceOptions source, List<Analyzer> analyzers, LayerCache cache, LayerLimits limits,
                       TempDirectory tempDirectory) {
        this(image, source, analyzers, cache, limits, tempDirectory, true, Set.of(), SecretSettings.DEFAULT, PublicKeys.none(), RegistryCredentials.none());
    }

    /** A scan with the built-in secret rules and no allow-list, that verifies no signature. */
    public ScanRequest(String image, ImageSourceOptions source, List<Analyzer> analyzers, LayerCache cache, LayerLimits limits,
                       TempDirectory tempDirectory, boolean matchVulnerabilities, Set<CheckKind> checks) {
        this(image, source, analyzers, cache, limits, tempDirectory, matchVulnerabilities, checks, SecretSettings.DEFAULT, PublicKeys.none(), RegistryCredentials.none());
    }

    /** The analyzers of the layer pass: the requested ones, and the secret analyzer when secrets are looked for. */
    List<Analyzer> layerAnalyzers() {
        if (!checks.contains(CheckKind.SECRET)) {
            return analyzers;
        }
        List<Analyzer> all = new java.util.ArrayList<>(analyzers);
        all.add(new SecretAnalyzer(secrets.rules()));
        return List.copyOf(all);
    }

    public ScanRequest {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(tempDirectory, "tempDirectory");
        source = Objects.requireNonNull(source, "source").withTempDir(tempDirectory.path());
        analyzers = List.copyOf(analyzers);
        Objects.requireNonNull(cache, "cache");
        Objects.requireNonNull(limits, "limits");
        checks = Set.copyOf(checks);
        Objects.requireNonNull(signatureKeys, "signatureKeys");
        Objects.requireNonNull(secrets, "secrets");
        Objects.requireNonNull(registryCredentials, "registryCredentials");
    }
}
