package io.portcullis.image.registry;

import io.portcullis.InputException;
import io.portcullis.image.Descriptor;
import io.portcullis.image.Digest;
import io.portcullis.image.MediaTypes;
import io.portcullis.image.Platform;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Platform choice from an index; the normalisation itself is {@code PlatformTest}'s. */
class PlatformMatcherTest {

    /** The platforms of the official Debian index on Docker Hub, plus an attestation entry as BuildKit writes them. */
    private static final List<Descriptor> DEBIAN_LIKE_INDEX = List.of(
            entry('1', "linux", "amd64", null),
            entry('2', "linux", "arm", "v5"),
            entry('3', "linux", "arm", "v7"),
            entry('4', "linux", "arm64", "v8"),
            entry('5', "linux", "386", null),
            entry('6', "unknown", "unknown", null));

    @Test
    void picksArmVariantsExactly() {
        assertEquals('3', hexOf(PlatformMatcher.select(DEBIAN_LIKE_INDEX, Platform.parse("linux/arm"), "x")));
        assertEquals('2', hexOf(PlatformMatcher.select(DEBIAN_LIKE_INDEX, Platform.parse("linux/arm/v5"), "x")));
        assertEquals('4', hexOf(PlatformMatcher.select(DEBIAN_LIKE_INDEX, Platform.parse("linux/arm64"), "x")));
    }

    @Test
    void listsAvailablePlatformsWithoutAttestations() {
        InputException e = assertThrows(InputException.class,
                () -> PlatformMatcher.select(DEBIAN_LIKE_INDEX, Platform.parse("linux/arm/v6"), "docker.io/library/debian:12"));
        assertEquals("image docker.io/library/debian:12 has no manifest for platform linux/arm/v6; available: "
                + "linux/amd64, linux/arm/v5, linux/arm/v7, linux/arm64/v8, linux/386", e.getMessage());
    }

    private static Descriptor entry(char hex, String os, String arch, String variant) {
        return new Descriptor(MediaTypes.OCI_MANIFEST, new Digest("sha256", String.valueOf(hex).repeat(64)), 1,
                new Platform(os, arch, variant), null);
    }

    private static char hexOf(Descriptor descriptor) {
        return descriptor.digest().hex().charAt(0);
    }
}
