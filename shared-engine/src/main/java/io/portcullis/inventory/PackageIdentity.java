package io.portcullis.inventory;

/**
 * What makes two packages the same software, wherever they were found: the same
 * {@code group:artifact:version} as a plain jar and nested in a fat jar, the same npm package in two
 * {@code node_modules}. A finding is one (identity, vulnerability), listing every location; the SBOM keeps
 * each copy as its own component.
 */
public record PackageIdentity(String type, String name, String version, String arch, SourcePackage source) {
}
