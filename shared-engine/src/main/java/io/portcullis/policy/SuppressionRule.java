package io.portcullis.policy;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;
import io.portcullis.check.CheckFinding;
import io.portcullis.image.ImageMetadata;
import io.portcullis.inventory.Location;
import io.portcullis.match.Finding;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One reason not to count a finding: an ignore-file entry or a VEX statement.
 *
 * @param vulnerabilityId the id it is about; matches a finding's primary id or any alias, ignoring case
 * @param aliases further ids the source names for the same vulnerability (VEX)
 * @param packages package names it is narrowed to; empty means any package
 * @param purls package-urls it is narrowed to (a purl without version matches every version); empty means any
 * @param paths globs over package locations it is narrowed to ({@code **} crosses directories); empty means any
 * @param statement why the finding does not matter (mandatory in our ignore file; VEX impact statement or justification)
 * @param expires last day it applies, or null for no expiry
 * @param kind where it came from
 * @param status VEX status ("not_affected", "fixed", CycloneDX "resolved", ...); null for ignore files
 * @param justification VEX justification code, or null
 * @param products VEX products (purls, digests or image references) the statement is limited to; empty means any
 * @param origin file and line, for messages and reports
 */
public record SuppressionRule(
        String vulnerabilityId,
        List<String> aliases,
        List<String> packages,
        List<String> purls,
        List<String> paths,
        String statement,
        LocalDate expires,
        Kind kind,
        String status,
        String justification,
        List<String> products,
        String origin) {

    /** Where a suppression was read from. */
    public enum Kind { IGNORE_FILE, TRIVYIGNORE, OPENVEX, CYCLONEDX_VEX }

    public SuppressionRule {
        Objects.requireNonNull(vulnerabilityId, "vulnerabilityId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(origin, "origin");
        aliases = List.copyOf(aliases);
        packages = List.copyOf(packages);
        purls = List.copyOf(purls);
        paths = List.copyOf(paths);
        products = List.copyOf(products);
    }

    /** An expired entry no longer suppresses; it is reported instead. The expiry day itself still applies. */
    public boolean isExpired(LocalDate today) {
        return expires != null && today.isAfter(expires);
    }

    /** True when this entry is about the finding's vulnerability, package, location and image. */
    public boolean appliesTo(Finding finding, ImageMetadata image) {
        return namesVulnerability(finding)
                && (packages.isEmpty() || packages.contains(finding.pkg().name()))
                && (purls.isEmpty() || purls.stream().anyMatch(p -> purlMatches(p, finding.pkg().purl())))
                && (paths.isEmpty() || finding.pkg().locations().stream().anyMatch(this::pathMatches))
                && (products.isEmpty() || products.stream().anyMatch(p -> productMatches(p, finding, image)));
    }

    /**
     * True when this entry names the check's rule id and, if it lists paths, the finding's file or
     * config field (for a Kubernetes finding, the manifest file); package and product scopes are about
     * vulnerabilities and never match a check.
     */
    public boolean appliesTo(CheckFinding check) {
        String path = check.manifest() != null ? check.manifest().file() : check.location();
        return (vulnerabilityId.equalsIgnoreCase(check.ruleId()) || aliases.stream().anyMatch(check.ruleId()::equalsIgnoreCase))
                && packages.isEmpty() && purls.isEmpty() && products.isEmpty()
                && (paths.isEmpty() || pathMatches(new Location(null, path)));
    }

    /** One line for reports: "not_affected (vulnerable_code_not_present): statement [file:line]". */
    public String describe() {
        StringBuilder text = new StringBuilder();
        if (status != null) {
            text.append(status);
            if (justification != null) {
                text.append(" (").append(justification).append(')');
            }
            if (statement != null) {
                text.append(": ");
            }
        }
        if (statement != null) {
            text.append(statement);
        }
        return text.append(" [").append(origin).append(']').toString();
    }

    private boolean namesVulnerability(Finding finding) {
        return idMatches(vulnerabilityId, finding) || aliases.stream().anyMatch(a -> idMatches(a, finding));
    }

    static boolean idMatches(String id, Finding finding) {
        return id.equalsIgnoreCase(finding.vulnerabilityId())
                || finding.aliases().stream().anyMatch(id::equalsIgnoreCase);
    }

    private boolean pathMatches(Location location) {
        String path = location.path().startsWith("/") ? location.path().substring(1) : location.path();
        for (String glob : paths) {
            String pattern = glob.startsWith("/") ? glob.substring(1) : glob;
            PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
            if (matcher.matches(Path.of(path)) || path.equals(pattern)) {
                return true;
            }
        }
        return false;
    }

    /** A wanted purl without version (or qualifiers) matches every version of that package. */
    static boolean purlMatches(String wanted, String actual) {
        if (actual == null) {
            return false;
        }
        try {
            PackageURL w = new PackageURL(wanted);
            PackageURL a = new PackageURL(actual);
            return w.getType().equals(a.getType())
                    && Objects.equals(w.getNamespace(), a.getNamespace())
                    && w.getName().equals(a.getName())
                    && (w.getVersion() == null || w.getVersion().equals(a.getVersion()));
        } catch (MalformedPackageURLException e) {
            return wanted.equals(actual);
        }
    }

    /**
     * A VEX product is the image (an OCI purl or a digest or the reference we scanned) or the
     * affected package itself (its purl), as OpenVEX and CycloneDX both allow.
     */
    private static boolean productMatches(String product, Finding finding, ImageMetadata image) {
        if (product.startsWith("pkg:")) {
            if (purlMatches(product, finding.pkg().purl())) {
                return true;
            }
            try {
                PackageURL purl = new PackageURL(product);
                return purl.getType().equals("oci") && purl.getVersion() != null && isImageDigest(purl.getVersion(), image);
            } catch (MalformedPackageURLException e) {
                return false;
            }
        }
        if (image == null) {
            return false;
        }
        String p = product.toLowerCase(Locale.ROOT);
        int at = p.lastIndexOf('@');
        if (at >= 0 && isImageDigest(p.substring(at + 1), image)) {
            return true;
        }
        return isImageDigest(p, image) || p.equals(image.reference()) || image.repoTags().contains(product);
    }

    private static boolean isImageDigest(String digest, ImageMetadata image) {
        return image != null && (digest.equalsIgnoreCase(String.valueOf(image.manifestDigest()))
                || digest.equalsIgnoreCase(String.valueOf(image.configDigest())));
    }
}
