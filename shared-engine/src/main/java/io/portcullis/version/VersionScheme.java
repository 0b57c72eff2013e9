package io.portcullis.version;

/**
 * How one ecosystem orders its versions (dpkg, rpm, apk, Maven, PEP 440, SemVer, ...).
 * Implementations agree with the ecosystem's reference tool on every input it accepts.
 */
public interface VersionScheme {

    /** Short name: "dpkg", "rpm", "apk", "maven", "pep440", "semver", "rubygems", "nuget", "packagist", "go". */
    String name();

    /**
     * Negative, zero or positive as {@code a} sorts before, equal to, or after {@code b}.
     *
     * @throws InvalidVersionException when either version cannot be parsed in this scheme
     */
    int compare(String a, String b);
}
