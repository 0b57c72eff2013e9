package io.portcullis.inventory;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURLBuilder;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Package URLs as Syft and Trivy spell them, so SBOMs and vulnerability matches line up with
 * theirs. OS packages carry the distribution, which is why purls are built only after the layers
 * are merged and the OS is known.
 */
public final class PurlFactory {

    private static final Pattern PEP_503_SEPARATORS = Pattern.compile("[-_.]+");
    private static final Pattern RPM_EPOCH = Pattern.compile("^(\\d+):(.+)$");

    private PurlFactory() {
    }

    /**
     * The canonical purl of {@code pkg}.
     *
     * @param os the image's distribution, or null when unknown (OS packages then get no namespace or distro)
     * @throws IllegalArgumentException when the package's fields cannot form a valid purl
     */
    public static String purl(Package pkg, OperatingSystem os) {
        PackageURLBuilder purl = PackageURLBuilder.aPackageURL().withType(pkg.type()).withVersion(pkg.version());
        switch (pkg.type()) {
            case "deb", "apk" -> withUpstream(osPackage(purl, pkg, os), pkg).withName(pkg.name());
            case "rpm" -> rpm(osPackage(purl, pkg, os), pkg);
            case "maven" -> split(purl, pkg.name(), ':');
            case "npm", "golang", "composer" -> split(purl, pkg.name(), '/');
            case "pypi" -> purl.withName(PEP_503_SEPARATORS.matcher(pkg.name().toLowerCase(Locale.ROOT)).replaceAll("-"));
            default -> purl.withName(pkg.name());
        }
        try {
            return purl.build().canonicalize();
        } catch (MalformedPackageURLException e) {
            throw new IllegalArgumentException("no valid purl for " + pkg.type() + " package '" + pkg.name() + "' " + pkg.version() + ": " + e.getMessage(), e);
        }
    }

    private static PackageURLBuilder osPackage(PackageURLBuilder purl, Package pkg, OperatingSystem os) {
        if (pkg.arch() != null && !pkg.arch().isEmpty()) {
            purl.withQualifier("arch", pkg.arch());
        }
        if (os != null) {
            purl.withNamespace(os.id());
            if (os.versionId() != null) {
                purl.withQualifier("distro", os.id() + "-" + os.versionId());
            }
        }
        return purl;
    }

    /** Like Syft: the source name, with its version when that differs from the binary's; none when both match. */
    private static PackageURLBuilder withUpstream(PackageURLBuilder purl, Package pkg) {
        SourcePackage source = pkg.source();
        if (source == null) {
            return purl;
        }
        boolean otherVersion = source.version() != null && !source.version().equals(pkg.version());
        if (otherVersion) {
            purl.withQualifier("upstream", source.name() + "@" + source.version());
        } else if (!source.name().equals(pkg.name())) {
            purl.withQualifier("upstream", source.name());
        }
        return purl;
    }

    /** rpm purls carry version-release and move the epoch to a qualifier. */
    private static void rpm(PackageURLBuilder purl, Package pkg) {
        String version = pkg.version();
        String epoch = pkg.properties().get("epoch");
        var explicit = RPM_EPOCH.matcher(version);
        if (explicit.matches()) {
            epoch = explicit.group(1);
            version = explicit.group(2);
        }
        purl.withName(pkg.name()).withVersion(version);
        if (epoch != null && !epoch.isEmpty() && !epoch.equals("0")) {
            purl.withQualifier("epoch", epoch);
        }
    }

    /** Splits "group:artifact", "@scope/name", "github.com/x/y" or "vendor/name" at the last separator into namespace and name. */
    private static void split(PackageURLBuilder purl, String name, char separator) {
        int at = name.lastIndexOf(separator);
        if (at <= 0) {
            purl.withName(name);
        } else {
            purl.withNamespace(name.substring(0, at)).withName(name.substring(at + 1));
        }
    }
}
