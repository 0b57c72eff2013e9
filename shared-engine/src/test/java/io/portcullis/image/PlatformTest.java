package io.portcullis.image;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Cases from containerd's platforms.Normalize, which the registry source follows too. */
class PlatformTest {

    @Test
    void normalisesAliasesAndDefaultVariantsAsContainerdDoes() {
        assertEquals(Platform.parse("linux/arm64"), Platform.parse("linux/arm64/v8").normalised());
        assertEquals(Platform.parse("linux/arm64"), Platform.parse("linux/aarch64").normalised());
        assertEquals(Platform.parse("linux/arm/v7"), Platform.parse("linux/arm").normalised());
        assertEquals(Platform.parse("linux/arm/v7"), Platform.parse("linux/armhf").normalised());
        assertEquals(Platform.parse("linux/arm/v6"), Platform.parse("linux/armel").normalised());
        assertEquals(Platform.parse("linux/amd64"), Platform.parse("Linux/x86_64").normalised());
        assertEquals(Platform.parse("linux/386"), Platform.parse("linux/i386").normalised());
        assertEquals(Platform.parse("darwin/arm64"), Platform.parse("macos/arm64").normalised());
        assertNotEquals(Platform.parse("linux/arm/v6").normalised(), Platform.parse("linux/arm").normalised());
    }
}
