package io.portcullis.inventory.rpm;

import io.portcullis.inventory.SourcePackage;

/** The source package named by an rpm's SOURCERPM: {@code name-version-release.src.rpm}. */
final class SourceRpmName {

    private SourceRpmName() {
    }

    /** @return name and "version-release", or null when the file name does not have that shape */
    static SourcePackage parse(String sourceRpm) {
        if (sourceRpm == null) {
            return null;
        }
        String base;
        if (sourceRpm.endsWith(".src.rpm")) {
            base = sourceRpm.substring(0, sourceRpm.length() - ".src.rpm".length());
        } else if (sourceRpm.endsWith(".nosrc.rpm")) {
            base = sourceRpm.substring(0, sourceRpm.length() - ".nosrc.rpm".length());
        } else {
            return null;
        }
        // Name may contain dashes; version and release may not, so split at the last two.
        int releaseDash = base.lastIndexOf('-');
        int versionDash = releaseDash > 0 ? base.lastIndexOf('-', releaseDash - 1) : -1;
        if (versionDash <= 0 || releaseDash == base.length() - 1 || releaseDash - versionDash < 2) {
            return null;
        }
        return new SourcePackage(base.substring(0, versionDash), base.substring(versionDash + 1));
    }
}
