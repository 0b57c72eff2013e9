package io.portcullis.check;

/**
 * The kinds of finding besides vulnerabilities. The image checks are switched on by the scan type of the same
 * name; {@link #KUBERNETES} runs whenever manifests are given.
 */
public enum CheckKind {
    /** A misconfiguration read from the image config blob and its history. */
    CONFIG,
    /** A credential found in a layer file. */
    SECRET,
    /** A Kubernetes workload whose pod or container security context breaks the policy's profile. */
    KUBERNETES
}
