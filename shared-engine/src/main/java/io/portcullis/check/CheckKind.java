package io.portcullis.check;

/** The kinds of finding besides vulnerabilities; each is switched on by the scan type of the same name. */
public enum CheckKind {
    /** A misconfiguration read from the image config blob and its history. */
    CONFIG,
    /** A credential found in a layer file. */
    SECRET
}
