package io.portcullis.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A re-scan with the same --cache-dir reads no layer: after the first scan the layer blob in the
 * OCI layout is overwritten with zeros, and the second scan still lists every package, from the
 * cache alone, without rewriting the cache; without the cache the same layout is rejected.
 */
class WarmCacheCliTest {

    @TempDir
    Path dir;

    @Test
    void warmScanNeverOpensTheLayerBlob() throws IOException {
        byte[] alpineLayer = alpineLayer();
        Path layout = HandMadeImages.ociLayout(dir.resolve("layout"), alpineLayer, "application/vnd.oci.image.layer.v1.tar");
        Path cache = dir.resolve("cache");
        Path cold = dir.resolve("cold.json");
        CliRun first = CliRun.of("sbom", "oci:" + layout + ":latest", "--cache-dir", cache.toString(), "-o", cold.toString());
        assertEquals(0, first.exitCode(), first::toString);
        Map<Path, FileTime> cacheFiles = files(cache);
        assertFalse(cacheFiles.isEmpty(), "the cold scan filled the cache");

        // Zeros of the same size: the layout still looks complete, but reading the blob would fail its digest check.
        Files.write(layout.resolve("blobs/sha256").resolve(AlpineSbomCliTest.sha256(alpineLayer)), new byte[alpineLayer.length]);
        Path warm = dir.resolve("warm.json");
        CliRun second = CliRun.of("sbom", "oci:" + layout + ":latest", "--cache-dir", cache.toString(), "-o", warm.toString());
        assertEquals(0, second.exitCode(), "the warm scan read the zeroed layer blob: " + second);

        assertEquals(purls(cold), purls(warm));
        assertTrue(purls(warm).size() > 10, "alpine packages came from the cache: " + purls(warm));
        assertEquals(cacheFiles, files(cache), "a warm scan neither adds nor rewrites cache files");

        CliRun noCache = CliRun.of("sbom", "oci:" + layout + ":latest", "--no-cache", "-o", dir.resolve("none.json").toString());
        assertEquals(3, noCache.exitCode(), "without the cache the zeroed blob is an input error: " + noCache);
    }

    private static List<String> purls(Path sbom) throws IOException {
        JsonNode bom = SbomJson.validCycloneDx(sbom);
        return SbomJson.cycloneDxComponents(bom, "apk").stream().map(c -> c.path("purl").asText()).sorted().toList();
    }

    private static Map<Path, FileTime> files(Path root) throws IOException {
        Map<Path, FileTime> found = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.filter(Files::isRegularFile).toList()) {
                found.put(root.relativize(path), Files.getLastModifiedTime(path));
            }
        }
        return found;
    }

    /** The uncompressed layer of the real alpine:3.11 docker save. */
    private static byte[] alpineLayer() throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(Files.newInputStream(AlpineSbomCliTest.ARCHIVE)))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                if (entry.getName().endsWith("/layer.tar")) {
                    return tar.readAllBytes();
                }
            }
        }
        throw new AssertionError("no layer.tar in " + AlpineSbomCliTest.ARCHIVE);
    }
}
