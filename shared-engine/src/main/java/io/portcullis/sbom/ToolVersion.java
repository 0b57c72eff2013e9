package io.portcullis.sbom;

/** The Portcullis version named as the producing tool in every document. */
public final class ToolVersion {

    private ToolVersion() {
    }

    /** The version Maven stamped into the jar manifest, or "dev" when running from a class directory. */
    public static String current() {
        String version = ToolVersion.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
