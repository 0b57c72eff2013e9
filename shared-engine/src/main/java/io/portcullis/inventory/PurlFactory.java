package io.portcullis.inventory;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURLBuilder;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Package URLs as Syft and Trivy spell them, so SBOMs and vulnerability matches line up with
 * theirs. OS packages carry the distribution, which is why purls are built only after the layers
 * are merged and the OS is known.
 */
public final class PurlFactory {

    private static final Pattern PEP_503_SEPARATORS = Pattern.compile("[-_.]+");
    private static final Pattern RPM_EPOCH = Pattern.compile("^(\\d+):(.+)$");
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PurlFactory() {
    }

    /**
     * The canonical purl of {@code pkg}, as packageurl-java validates and writes it.
     *
     * @param os the image's distribution, or null when unknown (OS packages then get no namespace or distro)
     * @throws IllegalArgumentException when the package's fields cannot form a valid purl
     */
    public static String purl(Package pkg, OperatingSystem os) {
        Fields fields = fields(pkg, os);
        PackageURLBuilder purl = PackageURLBuilder.aPackageURL().withType(fields.type).withNamespace(fields.namespace)
                .withName(fields.name).withVersion(fields.version);
        fields.qualifiers.forEach(purl::withQualifier);
        try {
            return purl.build().canonicalize();
        } catch (MalformedPackageURLException e) {
            throw new IllegalArgumentException("no valid purl for " + pkg.type() + " package '" + pkg.name() + "' " + pkg.version() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The purl of {@code pkg} written directly: the same fields as {@link #purl}, every character but the
     * unreserved ones percent-encoded, qualifiers in key order. It skips packageurl-java's validation and its
     * rules for some types (lowercasing a deb name, for one), so it is the canonical purl only where that was
     * checked: the layer merge compares the two once per package and keeps the library's where they differ.
     * It exists because the stages of a scan ask for each package's purl again and again, and the library's
     * percent-encoding took half of the CPU time of a scan of a million packages.
     */
    public static String spelled(Package pkg, OperatingSystem os) {
        Fields fields = fields(pkg, os);
        StringBuilder purl = new StringBuilder(128).append("pkg:").append(fields.type.toLowerCase(Locale.ROOT)).append('/');
        if (fields.namespace != null) {
            for (String segment : fields.namespace.split("/", -1)) {
                percentEncode(segment, purl);
                purl.append('/');
            }
        }
        percentEncode(fields.name, purl);
        if (fields.version != null) {
            percentEncode(fields.version, purl.append('@'));
        }
        char separator = '?';
        for (Map.Entry<String, String> qualifier : fields.qualifiers.entrySet()) {
            percentEncode(qualifier.getValue(), purl.append(separator).append(qualifier.getKey()).append('='));
            separator = '&';
        }
        return purl.toString();
    }

    /** RFC 3986's unreserved characters stay; every other byte of the UTF-8 form becomes %XX. */
    private static void percentEncode(String value, StringBuilder out) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 0x80) {
                for (byte b : value.substring(i).getBytes(StandardCharsets.UTF_8)) {
                    appendByte(b, out);
                }
                return;
            }
            appendByte((byte) c, out);
        }
    }

    private static void appendByte(byte b, StringBuilder out) {
        char c = (char) (b & 0xff);
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                || c == '_' || c == '~') {
            out.append(c);
        } else {
            out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
        }
    }

    /** What goes into each part of the purl; written by {@link #purl} through the library and by {@link #spelled}. */
    private static final class Fields {
        private final String type;
        private final String version;
        private String namespace;
        private String name;
        private final Map<String, String> qualifiers = new TreeMap<>();

        private Fields(String type, String version) {
            this.type = type;
            this.version = version;
        }
    }

    private static Fields fields(Package pkg, OperatingSystem os) {
        switch (pkg.type()) {
            case "deb", "apk" -> {
                Fields fields = osPackage(new Fields(pkg.type(), pkg.version()), pkg, os);
                withUpstream(fields, pkg);
                fields.name = pkg.name();
                return fields;
            }
            case "rpm" -> {
                return rpm(pkg, os);
            }
            case "maven" -> {
                return split(new Fields(pkg.type(), pkg.version()), pkg.name(), ':');
            }
            case "npm", "golang", "composer" -> {
                return split(new Fields(pkg.type(), pkg.version()), pkg.name(), '/');
            }
            case "pypi" -> {
                Fields fields = new Fields(pkg.type(), pkg.version());
                fields.name = PEP_503_SEPARATORS.matcher(pkg.name().toLowerCase(Locale.ROOT)).replaceAll("-");
                return fields;
            }
            default -> {
                Fields fields = new Fields(pkg.type(), pkg.version());
                fields.name = pkg.name();
                return fields;
            }
        }
    }

    private static Fields osPackage(Fields fields, Package pkg, OperatingSystem os) {
        if (pkg.arch() != null && !pkg.arch().isEmpty()) {
            fields.qualifiers.put("arch", pkg.arch());
        }
        if (os != null) {
            fields.namespace = os.id();
            if (os.versionId() != null) {
                fields.qualifiers.put("distro", os.id() + "-" + os.versionId());
            }
        }
        return fields;
    }

    /** Like Syft: the source name, with its version when that differs from the binary's; none when both match. */
    private static void withUpstream(Fields fields, Package pkg) {
        SourcePackage source = pkg.source();
        if (source == null) {
            return;
        }
        boolean otherVersion = source.version() != null && !source.version().equals(pkg.version());
        if (otherVersion) {
            fields.qualifiers.put("upstream", source.name() + "@" + source.version());
        } else if (!source.name().equals(pkg.name())) {
            fields.qualifiers.put("upstream", source.name());
        }
    }

    /** rpm purls carry version-release and move the epoch to a qualifier. */
    private static Fields rpm(Package pkg, OperatingSystem os) {
        String version = pkg.version();
        String epoch = pkg.properties().get("epoch");
        var explicit = RPM_EPOCH.matcher(version);
        if (explicit.matches()) {
            epoch = explicit.group(1);
            version = explicit.group(2);
        }
        Fields fields = osPackage(new Fields(pkg.type(), version), pkg, os);
        fields.name = pkg.name();
        if (epoch != null && !epoch.isEmpty() && !epoch.equals("0")) {
            fields.qualifiers.put("epoch", epoch);
        }
        return fields;
    }

    /** Splits "group:artifact", "@scope/name", "github.com/x/y" or "vendor/name" at the last separator into namespace and name. */
    private static Fields split(Fields fields, String name, char separator) {
        int at = name.lastIndexOf(separator);
        if (at <= 0) {
            fields.name = name;
        } else {
            fields.namespace = name.substring(0, at);
            fields.name = name.substring(at + 1);
        }
        return fields;
    }
}
