package io.portcullis.sbom;

/** The SBOM document formats Portcullis writes. */
public enum SbomFormat {
    /** CycloneDX 1.6 JSON. */
    CYCLONEDX_JSON,
    /** SPDX 2.3 JSON. */
    SPDX_JSON
}
