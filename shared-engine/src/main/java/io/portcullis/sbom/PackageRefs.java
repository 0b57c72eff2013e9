package io.portcullis.sbom;

import io.portcullis.inventory.Package;
import io.portcullis.inventory.PackageIdentity;
import io.portcullis.inventory.PackageIndex;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The packages of one inventory in document order, each with its reference in one document: a CycloneDX
 * bom-ref ({@link #forCycloneDx}) or an SPDX id ({@link #forSpdx}). Only the references the document needs are
 * made: an inventory of a million packages is held while its document is written.
 *
 * <p>Both are stable: they depend only on the package itself and on whether another package of the
 * inventory shares its purl, never on the order the analyzers reported packages in. The bom-ref is
 * the purl when that is unique, so consumers can read it; distinct packages that share a purl (the
 * same jar version at two paths reported twice) get Syft's {@code package-id} suffix, a digest of
 * everything we know about the package. Packages are never merged: two records stay two components.
 */
final class PackageRefs {

    /** One package and its reference in the document. */
    record Entry(Package pkg, String ref) {
    }

    static final Comparator<Package> DOCUMENT_ORDER = Comparator.comparing(Package::type)
            .thenComparing(Package::name)
            .thenComparing(Package::version)
            .thenComparing(Package::arch, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Package::purl, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(PackageRefs::fingerprint);

    private static final Pattern NOT_IN_SPDX_ID = Pattern.compile("[^A-Za-z0-9.\\-]");

    /** The packages in document order. */
    private final List<Package> sorted;
    /** The reference of a package unless {@link #otherRefs} has one for its document position. */
    private final Function<Package, String> usualRef;
    /** The references that are not the usual one, by document position: few, as they tell apart equal keys. */
    private final Map<Integer, String> otherRefs;

    private PackageRefs(List<Package> sorted, Function<Package, String> usualRef, Map<Integer, String> otherRefs) {
        this.sorted = sorted;
        this.usualRef = usualRef;
        this.otherRefs = otherRefs;
    }

    /** The packages with their CycloneDX bom-refs. */
    static PackageRefs forCycloneDx(List<Package> packages) {
        List<Package> sorted = DocumentOrder.of(packages);
        PackageIndex byKey = PackageIndex.of(sorted, pkg -> key(pkg).hashCode(), (a, b) -> key(a).equals(key(b)));
        // Every key unique is the usual case: the bom-refs are the keys, and no two of them can be equal.
        Map<Integer, List<Integer>> sharedKeys = new TreeMap<>();
        for (int i = 0; i < sorted.size(); i++) {
            int first = byKey.firstOrAdd(i);
            if (first >= 0) {
                sharedKeys.computeIfAbsent(byKey.position(first), position -> new ArrayList<>(List.of(position))).add(i);
            }
        }
        Map<Integer, String> otherRefs = new HashMap<>();
        UniqueNames claimed = new UniqueNames();
        sharedKeys.values().stream().flatMap(List::stream).sorted().forEach(i -> {
            Package pkg = sorted.get(i);
            String key = key(pkg);
            otherRefs.put(i, claimed.claim(key + (key.contains("?") ? "&" : "?") + "package-id=" + fingerprint(pkg)));
        });
        return new PackageRefs(sorted, PackageRefs::key, otherRefs);
    }

    /** The packages with their SPDX ids. */
    static PackageRefs forSpdx(List<Package> packages) {
        List<Package> sorted = DocumentOrder.of(packages);
        // Only identical package records share an id; the second and later copies get a counter.
        PackageIndex byId = PackageIndex.of(sorted, pkg -> spdxId(pkg).hashCode(), (a, b) -> spdxId(a).equals(spdxId(b)));
        Map<Integer, Integer> copies = new HashMap<>();
        Map<Integer, String> otherRefs = new HashMap<>();
        for (int i = 0; i < sorted.size(); i++) {
            int first = byId.firstOrAdd(i);
            if (first >= 0) {
                otherRefs.put(i, spdxId(sorted.get(i)) + "-" + copies.merge(first, 2, (count, one) -> count + 1));
            }
        }
        return new PackageRefs(sorted, PackageRefs::spdxId, otherRefs);
    }

    private static String spdxId(Package pkg) {
        return "SPDXRef-Package-" + spdxIdPart(pkg.type() + "-" + pkg.name() + "-" + pkg.version()) + "-" + fingerprint(pkg);
    }

    /** The entries in document order, each made as it is asked for. */
    List<Entry> entries() {
        return new GeneratedList<>(sorted.size(), i -> {
            Package pkg = sorted.get(i);
            String other = otherRefs.get(i);
            return new Entry(pkg, other != null ? other : usualRef.apply(pkg));
        });
    }

    /**
     * The references of every copy of each of {@code wanted} (findings' packages), by identity: a finding names one
     * identity and lists every location, while the inventory keeps each copy. Only the wanted identities are indexed.
     * Fails when no package of this inventory has one of them.
     */
    Map<PackageIdentity, List<String>> refsByIdentity(Collection<Package> wanted) {
        Map<PackageIdentity, List<String>> byIdentity = new HashMap<>();
        wanted.forEach(pkg -> byIdentity.put(pkg.identity(), new ArrayList<>()));
        if (!byIdentity.isEmpty()) {
            for (Entry entry : entries()) {
                List<String> copies = byIdentity.get(entry.pkg().identity());
                if (copies != null) {
                    copies.add(entry.ref());
                }
            }
        }
        for (Package pkg : wanted) {
            if (byIdentity.get(pkg.identity()).isEmpty()) {
                throw new IllegalArgumentException("package " + pkg.type() + "/" + pkg.name() + "@" + pkg.version()
                        + " is not part of the inventory the document describes");
            }
        }
        return byIdentity;
    }

    private static String key(Package pkg) {
        return pkg.purl() != null ? pkg.purl() : pkg.type() + "/" + pkg.name() + "@" + pkg.version();
    }

    /** First 16 hex digits of a SHA-256 over every field, so equal packages, and only those, share it. */
    static String fingerprint(Package pkg) {
        StringBuilder text = new StringBuilder();
        Function<Object, StringBuilder> field = value -> text.append(Objects.toString(value, "")).append('\0');
        field.apply(pkg.type());
        field.apply(pkg.name());
        field.apply(pkg.version());
        field.apply(pkg.arch());
        field.apply(pkg.purl());
        field.apply(pkg.source() == null ? null : pkg.source().name() + "\1" + pkg.source().version());
        field.apply(pkg.foundBy());
        pkg.locations().stream()
                .map(location -> location.layerDiffId() + "\1" + location.path())
                .sorted()
                .forEach(field::apply);
        field.apply("licenses");
        pkg.licenses().forEach(field::apply);
        new TreeMap<>(pkg.properties()).forEach((name, value) -> field.apply(name + "\1" + value));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    /** Only identical package records can collide after fingerprinting; they are told apart by a counter. */
    private static final class UniqueNames {
        private final Map<String, Integer> seen = new HashMap<>();

        String claim(String name) {
            int count = seen.merge(name, 1, Integer::sum);
            return count == 1 ? name : name + "-" + count;
        }
    }

    /** SPDX ids may only hold letters, digits, '.' and '-'. */
    static String spdxIdPart(String text) {
        return NOT_IN_SPDX_ID.matcher(text).replaceAll("-");
    }
}
