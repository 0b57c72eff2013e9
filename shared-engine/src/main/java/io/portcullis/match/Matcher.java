package io.portcullis.match;

import io.portcullis.inventory.Inventory;
import io.portcullis.inventory.Location;
import io.portcullis.inventory.Package;
import io.portcullis.inventory.PackageIndex;
import io.portcullis.inventory.IdentificationMethod;
import io.portcullis.version.InvalidVersionException;
import io.portcullis.version.VersionScheme;
import io.portcullis.vulndb.AffectedPackage;
import io.portcullis.vulndb.OsvRange;
import io.portcullis.vulndb.SchemeLookup;
import io.portcullis.vulndb.StandardSchemes;
import io.portcullis.vulndb.VulnDb;
import io.portcullis.vulndb.Vulnerability;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Matches an inventory against the vulnerability DB: each package is looked up under its OSV ecosystem and
 * name (OS packages under their source package, as distribution advisories are written), each affected
 * entry's ranges and version list are evaluated with the ecosystem's version scheme, and records that
 * alias each other (or share an upstream id) for the same package become one finding. GIT ranges are
 * ignored: they name commits, which an installed package does not carry.
 */
public final class Matcher {

    /** Starts the summary of a finding on a package identified by its file name only, so every report shows it. */
    public static final String LOW_CONFIDENCE_PREFIX = "identified by file name only (lower confidence)";

    private final SchemeLookup schemes;

    public Matcher() {
        this(StandardSchemes.INSTANCE);
    }

    public Matcher(SchemeLookup schemes) {
        this.schemes = schemes;
    }

    /** The findings, one per (package identity, vulnerability). */
    public List<Finding> match(Inventory inventory, VulnDb db) {
        return run(inventory, db).findings();
    }

    /**
     * An application package installed by an OS package (Debian's python3-requests is pypi requests)
     * is matched through the OS package and its distribution's advisories, so one bug is not reported
     * twice. Go binaries are the exception: they carry a compiled-in copy of the Go toolchain and their
     * modules, which the distribution's advisory for its Go package does not fix until the binary is rebuilt.
     */
    static boolean coveredByOsAdvisories(Package pkg) {
        return pkg.properties().containsKey(Package.OS_OWNED) && !pkg.type().equals("golang");
    }

    /** The application's own manifest names the application, not the registry package that may share its name. */
    static boolean isTheApplicationItself(Package pkg) {
        return "true".equals(pkg.properties().get(Package.APPLICATION));
    }

    private static boolean notMatchedHere(Package pkg) {
        return coveredByOsAdvisories(pkg) || isTheApplicationItself(pkg);
    }

    /** The findings and the warnings of matching. */
    public MatchResult run(Inventory inventory, VulnDb db) {
        List<Finding> findings = new ArrayList<>();
        Set<String> warnings = new LinkedHashSet<>();
        SchemeLookup runSchemes = new RememberedComparisons(schemes);
        for (Package pkg : byIdentity(inventory.packages())) {
            Optional<MatchTarget> target = MatchTarget.of(pkg, inventory.os());
            if (target.isPresent()) {
                findings.addAll(matchPackage(pkg, target.get(), db, runSchemes, warnings));
            }
        }
        return new MatchResult(findings, new ArrayList<>(warnings));
    }

    /**
     * One package per identity (type, name, version, arch, source) with every location of its copies: the same
     * {@code group:artifact:version} as a plain jar and shaded into a fat jar is one finding per vulnerability,
     * listing both paths, so a gate counts it once. The copy identified most confidently stands for the group.
     * Each is made as it is asked for: the inventory may be a million packages.
     */
    static List<Package> byIdentity(List<Package> packages) {
        // Nearly every identity has one copy: only those with more get a list, and the rest cost a position in the index.
        PackageIndex firstCopies = PackageIndex.byIdentity(packages);
        Map<Integer, List<Integer>> moreCopies = new HashMap<>();
        for (int position = 0; position < packages.size(); position++) {
            if (!notMatchedHere(packages.get(position))) {
                int first = firstCopies.firstOrAdd(position);
                if (first >= 0) {
                    moreCopies.computeIfAbsent(first, entry -> new ArrayList<>(List.of(firstCopies.position(entry)))).add(position);
                }
            }
        }
        return new AbstractList<>() {
            @Override
            public Package get(int entry) {
                List<Integer> copies = moreCopies.get(entry);
                return copies == null ? packages.get(firstCopies.position(entry)) : representative(copies.stream().map(packages::get).toList());
            }

            @Override
            public int size() {
                return firstCopies.size();
            }
        };
    }

    private static Package representative(List<Package> copies) {
        Package representative = copies.stream().min(Comparator.comparingInt(Matcher::identificationRank)).orElseThrow();
        Set<Location> locations = new LinkedHashSet<>();
        copies.forEach(copy -> locations.addAll(copy.locations()));
        return representative.withLocations(new ArrayList<>(locations));
    }

    private static int identificationRank(Package pkg) {
        return IdentificationMethod.ofProperty(pkg.properties().get(IdentificationMethod.PROPERTY))
                .map(Enum::ordinal).orElse(0);
    }


    private static List<Finding> matchPackage(Package pkg, MatchTarget target, VulnDb db, SchemeLookup schemes,
                                              Set<String> warnings) {
        List<Hit> hits = new ArrayList<>();
        for (AffectedPackage affected : db.affected(target.ecosystemKey(), target.name())) {
            Optional<List<String>> fixed = evaluate(affected, target, schemes, warnings);
            if (fixed.isPresent()) {
                db.vulnerability(affected.vulnerabilityId())
                        .filter(v -> v.withdrawn() == null)
                        .ifPresent(v -> hits.add(new Hit(v, affected, fixed.get())));
            }
        }
        return AliasGroups.of(hits).stream().map(group -> toFinding(pkg, target, group, schemes)).toList();
    }

    /** The fixed versions when the target's version is affected; empty when it is not. */
    private static Optional<List<String>> evaluate(AffectedPackage affected, MatchTarget target, SchemeLookup schemes,
                                                   Set<String> warnings) {
        String version = target.version();
        Set<String> fixed = new LinkedHashSet<>();
        boolean hit = false;
        try {
            for (OsvRange range : affected.ranges()) {
                if (range.type().equals("GIT")) {
                    continue;
                }
                Optional<VersionScheme> scheme = schemes.scheme(target.ecosystem(), range.type());
                if (scheme.isEmpty()) {
                    warnings.add("no version ordering for " + target.ecosystemKey() + " " + range.type()
                            + " ranges; such packages were not matched");
                    continue;
                }
                RangeEvaluator.RangeMatch rangeMatch = RangeEvaluator.evaluate(range, version, scheme.get());
                hit |= rangeMatch.affected();
                if (rangeMatch.affected()) {
                    fixed.addAll(rangeMatch.fixedVersions());
                }
            }
            if (!hit && !affected.versions().isEmpty()) {
                hit = listed(affected.versions(), version, schemes.scheme(target.ecosystem(), "ECOSYSTEM"));
            }
        } catch (InvalidVersionException e) {
            warnings.add(target.ecosystemKey() + " package " + target.name() + " " + version + " not matched against "
                    + affected.vulnerabilityId() + ": " + e.getMessage());
            return Optional.empty();
        }
        return hit ? Optional.of(new ArrayList<>(fixed)) : Optional.empty();
    }

    /** Explicit version lists are compared by the scheme where it parses them, else as exact strings. */
    private static boolean listed(List<String> versions, String version, Optional<VersionScheme> scheme) {
        for (String listedVersion : versions) {
            if (listedVersion.equals(version)) {
                return true;
            }
            if (scheme.isPresent()) {
                try {
                    if (scheme.get().compare(listedVersion, version) == 0) {
                        return true;
                    }
                } catch (InvalidVersionException e) {
                    // An odd historical version in the list says nothing about this one.
                }
            }
        }
        return false;
    }

    private static Finding toFinding(Package pkg, MatchTarget target, List<Hit> group, SchemeLookup schemes) {
        Hit primary = group.stream().min(Comparator.comparing((Hit h) -> h.vulnerability().id().startsWith("CVE-"))
                .thenComparing(h -> h.vulnerability().id())).orElseThrow();
        String primaryId = primary.vulnerability().id();
        Set<String> aliases = new TreeSet<>();
        Set<String> references = new LinkedHashSet<>();
        Set<String> fixed = new LinkedHashSet<>();
        RatedSeverity severity = null;
        for (Hit hit : group) {
            Vulnerability v = hit.vulnerability();
            aliases.add(v.id());
            aliases.addAll(v.aliases());
            aliases.addAll(v.upstream());
            references.addAll(v.references());
            fixed.addAll(hit.fixedVersions());
            RatedSeverity rated = SeverityRating.rate(v, hit.affected());
            if (severity == null || rated.severity().compareTo(severity.severity()) > 0) {
                severity = rated;
            }
        }
        aliases.remove(primaryId);
        String summary = group.stream().map(h -> h.vulnerability().summary()).filter(s -> s != null && !s.isBlank())
                .findFirst().orElse(null);
        if (target.sourceName() != null && !target.sourceName().equals(pkg.name())) {
            summary = "source package " + target.sourceName() + (summary == null ? "" : ": " + summary);
        }
        boolean guessed = IdentificationMethod.ofProperty(pkg.properties().get(IdentificationMethod.PROPERTY))
                .map(IdentificationMethod::lowConfidence).orElse(false);
        if (guessed) {
            summary = LOW_CONFIDENCE_PREFIX + (summary == null ? "" : ": " + summary);
        }
        return new Finding(primaryId, new ArrayList<>(aliases), pkg, severity.severity(), severity.source(),
                severity.score(), severity.vector(), sortFixed(fixed, target, schemes), summary, new ArrayList<>(references),
                firstPublished(group));
    }

    /** The earliest publication among the merged records: the vulnerability has been public since then. */
    private static Instant firstPublished(List<Hit> group) {
        Instant first = null;
        for (Hit hit : group) {
            String published = hit.vulnerability().published();
            if (published == null) {
                continue;
            }
            try {
                Instant at = OffsetDateTime.parse(published).toInstant();
                first = first == null || at.isBefore(first) ? at : first;
            } catch (DateTimeParseException e) {
                // A record whose date does not parse says nothing about the age; the others still may.
            }
        }
        return first;
    }

    private static List<String> sortFixed(Set<String> fixed, MatchTarget target, SchemeLookup schemes) {
        List<String> sorted = new ArrayList<>(fixed);
        if (sorted.size() < 2) {
            return sorted;
        }
        Optional<VersionScheme> scheme = schemes.scheme(target.ecosystem(), "ECOSYSTEM");
        try {
            sorted.sort(scheme.<Comparator<String>>map(s -> s::compare).orElse(Comparator.naturalOrder()));
        } catch (InvalidVersionException e) {
            sorted.sort(Comparator.naturalOrder());
        }
        return sorted;
    }

    /** One affected entry of one record that the package's version falls in. */
    record Hit(Vulnerability vulnerability, AffectedPackage affected, List<String> fixedVersions) {
    }
}
