package io.portcullis.image;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Expected normalisations are containerd's (containerd/platforms, database.go normalizeArch / normalizeOS). */
class PlatformTest {

    @ParameterizedTest
    @CsvSource({
            "linux/arm64/v8,      linux/arm64",
            "linux/aarch64,       linux/arm64",
            "linux/arm64/8,       linux/arm64",
            "linux/arm64/v9.0,    linux/arm64/v9",
            "linux/x86_64,        linux/amd64",
            "Linux/x86_64,        linux/amd64",
            "linux/amd64/v1,      linux/amd64",
            "linux/amd64/v3,      linux/amd64/v3",
            "linux/arm,           linux/arm/v7",
            "linux/armhf,         linux/arm/v7",
            "linux/armel,         linux/arm/v6",
            "linux/arm/6,         linux/arm/v6",
            "linux/i386,          linux/386",
            "macos/arm64,         darwin/arm64",
            "Linux/AMD64,         linux/amd64",
    })
    void normalisesAsContainerdDoes(String given, String normalised) {
        assertEquals(Platform.parse(normalised), Platform.parse(given).normalised());
        assertEquals(normalised, Platform.parse(given).normalised().toString());
    }

    @Test
    void armV6IsNotTheDefaultArmVariant() {
        assertNotEquals(Platform.parse("linux/arm/v6").normalised(), Platform.parse("linux/arm").normalised());
    }
}
