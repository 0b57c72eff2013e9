package io.portcullis.inventory;

import java.util.List;

/**
 * The facts a jar without {@code pom.properties} is identified from later, against the vulnerability data
 * and the Maven checksum index (which the per-layer analysis cannot see): package property names.
 */
public final class JarEvidence {

    /** The archive's SHA-1, lower-case hex. */
    public static final String SHA1 = "sha1";
    /** The archive's file name, e.g. {@code spring-beans-5.3.17.jar}. */
    public static final String FILE_NAME = "fileName";

    /** The MANIFEST.MF main attributes kept, each as {@link #manifestProperty}. */
    public static final List<String> MANIFEST_HEADERS = List.of("Bundle-SymbolicName", "Bundle-Version",
            "Implementation-Vendor-Id", "Implementation-Title", "Implementation-Version", "Automatic-Module-Name");

    private JarEvidence() {
    }

    /** {@code Bundle-SymbolicName} -> {@code manifest.Bundle-SymbolicName}. */
    public static String manifestProperty(String header) {
        return "manifest." + header;
    }

    /** {@code org.eclipse.equinox.common; singleton:=true} -> {@code org.eclipse.equinox.common}. */
    public static String withoutDirectives(String symbolicName) {
        return symbolicName == null ? null : symbolicName.split(";", 2)[0].trim();
    }
}
