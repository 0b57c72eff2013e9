package io.portcullis.sbom;

import io.portcullis.inventory.Package;
import io.portcullis.inventory.PackageIdentity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The packages of one inventory in document order, each with a CycloneDX bom-ref and an SPDX id.
 *
 * <p>Both are stable: they depend only on the package itself and on whether another package of the
 * inventory shares its purl, never on the order the analyzers reported packages in. The bom-ref is
 * the purl when that is unique, so consumers can read it; distinct packages that share a purl (the
 * same jar version at two paths reported twice) get Syft's {@code package-id} suffix, a digest of
 * everything we know about the package. Packages are never merged: two records stay two components.
 */
final class PackageRefs {

    /** One package and its references. */
    record Entry(Package pkg, String bomRef, String spdxId) {
    }

    private static final Comparator<Package> DOCUMENT_ORDER = Comparator.comparing(Package::type)
            .thenComparing(Package::name)
            .thenComparing(Package::version)
            .thenComparing(Package::arch, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Package::purl, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(PackageRefs::fingerprint);

    private static final Pattern NOT_IN_SPDX_ID = Pattern.compile("[^A-Za-z0-9.\\-]");

    private final List<Entry> entries;
    private final Map<PackageIdentity, List<Entry>> byIdentity;

    private PackageRefs(List<Entry> entries) {
        this.entries = List.copyOf(entries);
        Map<PackageIdentity, List<Entry>> index = new HashMap<>();
        entries.forEach(entry -> index.computeIfAbsent(entry.pkg().identity(), i -> new ArrayList<>()).add(entry));
        this.byIdentity = index;
    }

    static PackageRefs of(List<Package> packages) {
        List<Package> sorted = packages.stream().sorted(DOCUMENT_ORDER).toList();
        Map<String, Long> keyCounts = sorted.stream().collect(Collectors.groupingBy(PackageRefs::key, Collectors.counting()));
        UniqueNames bomRefs = new UniqueNames();
        UniqueNames spdxIds = new UniqueNames();
        List<Entry> entries = new ArrayList<>();
        for (Package pkg : sorted) {
            String key = key(pkg);
            String fingerprint = fingerprint(pkg);
            String bomRef = keyCounts.get(key) == 1 ? key
                    : key + (key.contains("?") ? "&" : "?") + "package-id=" + fingerprint;
            String spdxId = "SPDXRef-Package-" + spdxIdPart(pkg.type() + "-" + pkg.name() + "-" + pkg.version())
                    + "-" + fingerprint;
            entries.add(new Entry(pkg, bomRefs.claim(bomRef), spdxIds.claim(spdxId)));
        }
        return new PackageRefs(entries);
    }

    List<Entry> entries() {
        return entries;
    }

    /**
     * The entries of every copy of a finding's package: a finding names one identity and lists every location,
     * while the inventory keeps each copy. Fails when no package of this inventory has that identity.
     */
    List<Entry> sameIdentity(Package pkg) {
        List<Entry> copies = byIdentity.getOrDefault(pkg.identity(), List.of());
        if (copies.isEmpty()) {
            throw new IllegalArgumentException("package " + pkg.type() + "/" + pkg.name() + "@" + pkg.version()
                    + " is not part of the inventory the document describes");
        }
        return copies;
    }

    /** The bom-refs of {@link #sameIdentity}. */
    List<String> bomRefs(Package pkg) {
        return sameIdentity(pkg).stream().map(Entry::bomRef).toList();
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
