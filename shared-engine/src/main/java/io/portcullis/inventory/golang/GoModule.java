package io.portcullis.inventory.golang;

/**
 * A module compiled into a Go binary.
 *
 * @param path module path
 * @param version module version as recorded ("v1.2.3", pseudo-versions included)
 * @param role "main" for the main module, "dep" for dependencies
 * @param replaces "path@version" of the module this one replaced in go.mod, or null
 */
record GoModule(String path, String version, String role, String replaces) {
}
