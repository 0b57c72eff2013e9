package io.portcullis.inventory;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.BiPredicate;
import java.util.function.ToIntFunction;

/**
 * The packages of one list told apart under one equivalence (the same identity, the same purl, ...): each
 * distinct package is an entry, numbered from 0 in the order first added, that remembers the list position it
 * was first met at. The steps that look for copies among all packages of an inventory use it instead of a map:
 * an inventory can hold a million packages, and a map entry with a key object costs tens of bytes each, where
 * this keeps no package at all, only positions and hashes (about twenty bytes an entry, the table of slots kept
 * at most half full). Packages are taken from the list again when two hashes meet.
 */
public final class PackageIndex {

    /** Packages equal in every field but their locations: the copies of one package found at several places. */
    public static PackageIndex exceptLocations(List<Package> packages) {
        return new PackageIndex(packages,
                pkg -> Objects.hash(pkg.type(), pkg.name(), pkg.version(), pkg.arch(), pkg.source(), pkg.purl(), pkg.foundBy(),
                        pkg.licenses(), pkg.properties()),
                (a, b) -> a.type().equals(b.type()) && a.name().equals(b.name()) && a.version().equals(b.version())
                        && Objects.equals(a.arch(), b.arch()) && Objects.equals(a.source(), b.source())
                        && Objects.equals(a.purl(), b.purl()) && Objects.equals(a.foundBy(), b.foundBy())
                        && a.licenses().equals(b.licenses()) && a.properties().equals(b.properties()));
    }

    /** Packages with the same {@link Package#identity()}, compared without making one. */
    public static PackageIndex byIdentity(List<Package> packages) {
        return new PackageIndex(packages,
                pkg -> Objects.hash(pkg.type(), pkg.name(), pkg.version(), pkg.arch(), pkg.source()),
                (a, b) -> a.type().equals(b.type()) && a.name().equals(b.name()) && a.version().equals(b.version())
                        && Objects.equals(a.arch(), b.arch()) && Objects.equals(a.source(), b.source()));
    }

    /** Packages under any equivalence, e.g. of their purls. */
    public static PackageIndex of(List<Package> packages, ToIntFunction<Package> hash, BiPredicate<Package, Package> same) {
        return new PackageIndex(packages, hash, same);
    }

    private final List<Package> packages;
    private final ToIntFunction<Package> hash;
    private final BiPredicate<Package, Package> same;
    private int size;
    /** The list position of each entry. */
    private int[] positions = new int[16];
    private int[] hashes = new int[16];
    /** Entry + 1 of the package whose hash lands in each slot, 0 for a free slot. */
    private int[] slots = new int[32];

    private PackageIndex(List<Package> packages, ToIntFunction<Package> hash, BiPredicate<Package, Package> same) {
        this.packages = packages;
        this.hash = hash;
        this.same = same;
    }

    /**
     * The entry of the package equivalent to the one at {@code position} of the list that was added first; when
     * there is none, that package becomes entry {@link #size()} and the result is -1.
     */
    public int firstOrAdd(int position) {
        Package pkg = packages.get(position);
        int h = hash.applyAsInt(pkg);
        int mask = slots.length - 1;
        for (int slot = spread(h) & mask; ; slot = (slot + 1) & mask) {
            int entry = slots[slot] - 1;
            if (entry < 0) {
                slots[slot] = append(position, h) + 1;
                growIfHalfFull();
                return -1;
            }
            if (hashes[entry] == h && same.test(packages.get(positions[entry]), pkg)) {
                return entry;
            }
        }
    }

    /** The list position {@code entry} was first met at. */
    public int position(int entry) {
        Objects.checkIndex(entry, size);
        return positions[entry];
    }

    /** How many distinct packages were added. */
    public int size() {
        return size;
    }

    private int append(int position, int h) {
        int entry = size++;
        if (entry == hashes.length) {
            hashes = Arrays.copyOf(hashes, entry * 2);
            positions = Arrays.copyOf(positions, entry * 2);
        }
        hashes[entry] = h;
        positions[entry] = position;
        return entry;
    }

    private void growIfHalfFull() {
        if (size * 2 <= slots.length) {
            return;
        }
        slots = new int[slots.length * 2];
        int mask = slots.length - 1;
        for (int entry = 0; entry < size; entry++) {
            int slot = spread(hashes[entry]) & mask;
            while (slots[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            slots[slot] = entry + 1;
        }
    }

    /** Folds the high bits down, as HashMap does, so that hashes differing only there do not crowd one run of slots. */
    private static int spread(int h) {
        return h ^ (h >>> 16);
    }
}
