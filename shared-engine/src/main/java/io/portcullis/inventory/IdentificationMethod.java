package io.portcullis.inventory;

import java.util.Arrays;
import java.util.Optional;

/**
 * How a jar's Maven coordinates were found, most confident first; recorded on the package as the
 * property {@value #PROPERTY}. The CycloneDX technique and confidence go into the SBOM's
 * {@code evidence.identity}, so a consumer can tell a checksum match from a guess by file name.
 */
public enum IdentificationMethod {
    /** {@code META-INF/maven/<group>/<artifact>/pom.properties}, written by the artifact's own Maven build. */
    POM_PROPERTIES("pom.properties", "manifest-analysis", 1.0),
    /** The archive's SHA-1 is the one Maven Central publishes for these coordinates. */
    SHA1("sha1", "hash-comparison", 0.95),
    /** MANIFEST.MF headers (OSGi, Implementation-*, Automatic-Module-Name), confirmed by the data or the index. */
    MANIFEST("MANIFEST.MF", "manifest-analysis", 0.7),
    /** Only the file name, whose artifact id exactly one group in the vulnerability data publishes. */
    FILE_NAME("file name", "filename", 0.3);

    /** The package property naming the method. */
    public static final String PROPERTY = "identifiedBy";

    private final String propertyValue;
    private final String cycloneDxTechnique;
    private final double confidence;

    IdentificationMethod(String propertyValue, String cycloneDxTechnique, double confidence) {
        this.propertyValue = propertyValue;
        this.cycloneDxTechnique = cycloneDxTechnique;
        this.confidence = confidence;
    }

    public String propertyValue() {
        return propertyValue;
    }

    /** The CycloneDX 1.6 {@code evidence.identity.methods[].technique}. */
    public String cycloneDxTechnique() {
        return cycloneDxTechnique;
    }

    /** 0..1, as CycloneDX writes confidence. */
    public double confidence() {
        return confidence;
    }

    /** True for the methods that only suggest an identity, so reports flag what was found through them. */
    public boolean lowConfidence() {
        return this == FILE_NAME;
    }

    public static Optional<IdentificationMethod> ofProperty(String value) {
        return Arrays.stream(values()).filter(m -> m.propertyValue.equals(value)).findFirst();
    }
}
