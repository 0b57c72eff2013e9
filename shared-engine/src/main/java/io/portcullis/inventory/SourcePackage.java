package io.portcullis.inventory;

import java.util.Objects;

/** The source package a binary package was built from (dpkg Source:, apk origin, rpm source rpm). */
public record SourcePackage(String name, String version) {
    public SourcePackage {
        Objects.requireNonNull(name, "name");
    }
}
