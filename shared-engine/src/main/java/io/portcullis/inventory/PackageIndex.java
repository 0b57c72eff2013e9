package io.portcullis.inventory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.BiPredicate;
import java.util.function.ToIntFunction;

/**
 * Packages told apart under one equivalence (the same identity, the same purl, ...), each kept once at the
 * position it was first added. The steps that look for copies among all packages of an inventory use it instead
 * of a map: an inventory can hold a million packages, and a map entry with a key object costs tens of bytes
 * each where this costs about twenty (an open-addressing table of positions, kept at most half full).
 */
public final class PackageIndex {

    /** Packages equal in every field but their locations: the copies of one package found at several places. */
    public static PackageIndex exceptLocations() {
        return new PackageIndex(
                pkg -> Objects.hash(pkg.type(), pkg.name(), pkg.version(), pkg.arch(), pkg.source(), pkg.purl(), pkg.foundBy(),
                        pkg.licenses(), pkg.properties()),
                (a, b) -> a.type().equals(b.type()) && a.name().equals(b.name()) && a.version().equals(b.version())
                        && Objects.equals(a.arch(), b.arch()) && Objects.equals(a.source(), b.source())
                        && Objects.equals(a.purl(), b.purl()) && Objects.equals(a.foundBy(), b.foundBy())
                        && a.licenses().equals(b.licenses()) && a.properties().equals(b.properties()));
    }

    /** Packages with the same {@link Package#identity()}, compared without making one. */
    public static PackageIndex byIdentity() {
        return new PackageIndex(
                pkg -> Objects.hash(pkg.type(), pkg.name(), pkg.version(), pkg.arch(), pkg.source()),
                (a, b) -> a.type().equals(b.type()) && a.name().equals(b.name()) && a.version().equals(b.version())
                        && Objects.equals(a.arch(), b.arch()) && Objects.equals(a.source(), b.source()));
    }

    /** Packages under any equivalence, e.g. of their purls. */
    public static PackageIndex of(ToIntFunction<Package> hash, BiPredicate<Package, Package> same) {
        return new PackageIndex(hash, same);
    }

    private final ToIntFunction<Package> hash;
    private final BiPredicate<Package, Package> same;
    private final List<Package> packages = new ArrayList<>();
    private int[] hashes = new int[16];
    /** Position + 1 of the package whose hash lands in each slot, 0 for a free slot. */
    private int[] slots = new int[32];

    private PackageIndex(ToIntFunction<Package> hash, BiPredicate<Package, Package> same) {
        this.hash = hash;
        this.same = same;
    }

    /**
     * The position of the package equivalent to {@code pkg} that was added first; when there is none, {@code pkg}
     * is added at position {@link #size()} and the result is -1.
     */
    public int firstOrAdd(Package pkg) {
        int h = hash.applyAsInt(pkg);
        int mask = slots.length - 1;
        for (int slot = spread(h) & mask; ; slot = (slot + 1) & mask) {
            int position = slots[slot] - 1;
            if (position < 0) {
                slots[slot] = append(pkg, h) + 1;
                growIfHalfFull();
                return -1;
            }
            if (hashes[position] == h && same.test(packages.get(position), pkg)) {
                return position;
            }
        }
    }

    /** The package added at {@code position}. */
    public Package get(int position) {
        return packages.get(position);
    }

    /** How many distinct packages were added. */
    public int size() {
        return packages.size();
    }

    private int append(Package pkg, int h) {
        int position = packages.size();
        packages.add(pkg);
        if (position == hashes.length) {
            hashes = Arrays.copyOf(hashes, position * 2);
        }
        hashes[position] = h;
        return position;
    }

    private void growIfHalfFull() {
        if (packages.size() * 2 <= slots.length) {
            return;
        }
        slots = new int[slots.length * 2];
        int mask = slots.length - 1;
        for (int position = 0; position < packages.size(); position++) {
            int slot = spread(hashes[position]) & mask;
            while (slots[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            slots[slot] = position + 1;
        }
    }

    /** Folds the high bits down, as HashMap does, so that hashes differing only there do not crowd one run of slots. */
    private static int spread(int h) {
        return h ^ (h >>> 16);
    }
}
