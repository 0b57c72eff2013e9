package io.portcullis.scan;

import io.portcullis.TempDirectory;
import io.portcullis.inventory.analyzer.Analyzer;
import io.portcullis.check.CheckKind;
import io.portcullis.image.ImageSourceOptions;
import io.portcullis.layer.LayerCache;
import io.portcullis.layer.LayerLimits;

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
 * @param checks the kinds of check findings to look for besides vulnerabilities
 */
public record ScanRequest(String image, ImageSourceOptions source, List<Analyzer> analyzers, LayerCache cache, LayerLimits limits,
                          TempDirectory tempDirectory, boolean matchVulnerabilities, Set<CheckKind> checks) {

    /** A vulnerability scan. */
    public ScanRequest(String image, ImageSourceOptions source, List<Analyzer> analyzers, LayerCache cache, LayerLimits limits,
                       TempDirectory tempDirectory) {
        this(image, source, analyzers, cache, limits, tempDirectory, true, Set.of());
    }

    public ScanRequest {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(tempDirectory, "tempDirectory");
        source = Objects.requireNonNull(source, "source").withTempDir(tempDirectory.path());
        analyzers = List.copyOf(analyzers);
        Objects.requireNonNull(cache, "cache");
        Objects.requireNonNull(limits, "limits");
        checks = Set.copyOf(checks);
    }
}
