package io.portcullis.sbom;

/** The Portcullis version named as the producing tool in every document. */
final class ToolVersion {

    private ToolVersion() {
    }

    /** The version Maven stamped into the jar manifest, or "dev" when running from a class directory. */
    static String current() {
        String version = ToolVersion.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
