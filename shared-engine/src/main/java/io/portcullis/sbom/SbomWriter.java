package io.portcullis.sbom;

import io.portcullis.InputException;
import io.portcullis.image.ImageMetadata;
import io.portcullis.inventory.Inventory;
import io.portcullis.output.AtomicFile;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * Writes the SBOM of a scanned image as CycloneDX 1.6 JSON or SPDX 2.3 JSON.
 *
 * <p>Components are ordered by package type, name, version, arch and purl, so the same inventory
 * gives the same document apart from its serial number / namespace and timestamp.
 */
public final class SbomWriter {

    private final String toolVersion;
    private final Clock clock;

    /**
     * @param toolVersion the Portcullis version named as the producing tool
     * @param clock gives the document's creation time
     */
    public SbomWriter(String toolVersion, Clock clock) {
        this.toolVersion = Objects.requireNonNull(toolVersion, "toolVersion");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A writer naming the running Portcullis version and stamping the current UTC time. */
    public static SbomWriter create() {
        return new SbomWriter(ToolVersion.current(), Clock.systemUTC());
    }

    /** Writes the document to {@code out} (e.g. standard output), which stays open. */
    public void write(ImageMetadata image, Inventory inventory, SbomFormat format, OutputStream out) throws IOException {
        render(image, inventory, format, out);
        out.flush();
    }

    /**
     * Writes the document to {@code target} atomically: complete or not at all.
     *
     * @throws InputException when the target cannot be written; no file is left behind
     */
    public void write(ImageMetadata image, Inventory inventory, SbomFormat format, Path target) {
        AtomicFile.write(target, describe(format), out -> render(image, inventory, format, out));
    }

    /** Streams the document: each component is made as it is written, so memory does not grow with the package count. */
    private void render(ImageMetadata image, Inventory inventory, SbomFormat format, OutputStream out) throws IOException {
        switch (format) {
            case CYCLONEDX_JSON -> CycloneDxBoms.write(new CycloneDxBoms(toolVersion, clock)
                    .bom(image, inventory, PackageRefs.forCycloneDx(inventory.packages()), List.of()), out);
            case SPDX_JSON -> new SpdxDocuments(toolVersion, clock).write(image, inventory, PackageRefs.forSpdx(inventory.packages()), out);
        }
    }

    private static String describe(SbomFormat format) {
        return switch (format) {
            case CYCLONEDX_JSON -> "CycloneDX SBOM";
            case SPDX_JSON -> "SPDX SBOM";
        };
    }
}
