package io.portcullis.inventory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Packages stored by column: each name's UTF-8 bytes in one array, every other field as a number standing for a
 * value kept once. Package databases repeat nearly everything but the name: a million dpkg packages share a few
 * hundred versions, a hundred thousand source names, a handful of architectures and property maps, and one
 * location list, so a package costs its name's bytes and about two dozen more.
 */
public final class PackageTable extends PackageList {

    private final byte[] names;
    /** Where each name ends in {@link #names}; it starts where the previous one ends. */
    private final int[] nameEnds;
    private final int[] versions;
    private final int[] sourceNames;
    private final int[] sourceVersions;
    private final int[] purls;
    private final int[] shapeOf;
    private final String[] strings;
    private final Shape[] shapeValues;
    private final int size;

    /**
     * The fields that are seldom different from one package to the next, kept together as one value.
     * {@code licenses} and {@code properties} are the immutable copies {@link Package} makes.
     */
    private record Shape(String type, String arch, List<Location> locations, String foundBy, List<String> licenses,
                         Map<String, String> properties) {
    }

    /** Takes the builder's arrays as they are: copying them to their exact length would hold every column twice. */
    private PackageTable(Builder b) {
        size = b.size;
        names = b.names;
        nameEnds = b.nameEnds;
        versions = b.versions;
        sourceNames = b.sourceNames;
        sourceVersions = b.sourceVersions;
        purls = b.purls;
        shapeOf = b.shapeOf;
        strings = b.stringNumbers.values.toArray(String[]::new);
        shapeValues = b.shapeNumbers.values.toArray(Shape[]::new);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Package get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("package " + index + " of " + size);
        }
        int nameStart = index == 0 ? 0 : nameEnds[index - 1];
        String name = new String(names, nameStart, nameEnds[index] - nameStart, StandardCharsets.UTF_8);
        String sourceName = string(sourceNames[index]);
        SourcePackage source = sourceName == null ? null : new SourcePackage(sourceName, string(sourceVersions[index]));
        Shape shape = shapeValues[shapeOf[index]];
        return new Package(shape.type(), name, string(versions[index]), shape.arch(), source, string(purls[index]),
                shape.locations(), shape.foundBy(), shape.licenses(), shape.properties());
    }

    @Override
    public int size() {
        return size;
    }

    private String string(int number) {
        return number < 0 ? null : strings[number];
    }

    /** Collects packages in order; not thread-safe. */
    public static final class Builder {
        private byte[] names = new byte[256];
        private int nameLength;
        private int[] nameEnds = new int[16];
        private int[] versions = new int[16];
        private int[] sourceNames = new int[16];
        private int[] sourceVersions = new int[16];
        private int[] purls = new int[16];
        private int[] shapeOf = new int[16];
        private int size;
        private boolean built;
        private final Numbering<String> stringNumbers = new Numbering<>();
        private final Numbering<Shape> shapeNumbers = new Numbering<>();
        /** The values shapes are made of, each kept once however many shapes hold it. */
        private final Numbering<Object> shapeParts = new Numbering<>();

        private Builder() {
        }

        public Builder add(Package pkg) {
            if (built) {
                throw new IllegalStateException("the table was built; its columns are no longer this builder's");
            }
            if (size == nameEnds.length) {
                int capacity = size + (size >> 1);
                nameEnds = Arrays.copyOf(nameEnds, capacity);
                versions = Arrays.copyOf(versions, capacity);
                sourceNames = Arrays.copyOf(sourceNames, capacity);
                sourceVersions = Arrays.copyOf(sourceVersions, capacity);
                purls = Arrays.copyOf(purls, capacity);
                shapeOf = Arrays.copyOf(shapeOf, capacity);
            }
            byte[] name = pkg.name().getBytes(StandardCharsets.UTF_8);
            if (nameLength + name.length > names.length) {
                names = Arrays.copyOf(names, Math.max(names.length + (names.length >> 1), nameLength + name.length));
            }
            System.arraycopy(name, 0, names, nameLength, name.length);
            nameLength += name.length;
            nameEnds[size] = nameLength;
            versions[size] = stringNumbers.number(pkg.version());
            sourceNames[size] = pkg.source() == null ? -1 : stringNumbers.number(pkg.source().name());
            sourceVersions[size] = pkg.source() == null ? -1 : stringNumbers.number(pkg.source().version());
            purls[size] = stringNumbers.number(pkg.purl());
            shapeOf[size] = shapeNumbers.number(new Shape(shapeParts.first(pkg.type()), shapeParts.first(pkg.arch()),
                    shapeParts.first(pkg.locations()), shapeParts.first(pkg.foundBy()), shapeParts.first(pkg.licenses()),
                    shapeParts.first(pkg.properties())));
            size++;
            return this;
        }

        public int size() {
            return size;
        }

        /** The table of the packages added; the builder takes no more after this. */
        public PackageTable build() {
            built = true;
            return new PackageTable(this);
        }
    }

    /** Gives each distinct value a number, from 0 in the order first met; null is -1. */
    private static final class Numbering<T> {
        private final Map<T, Integer> numbers = new HashMap<>();
        private final List<T> values = new ArrayList<>();

        /** The instance equal to {@code value} that was met first, so that shapes that differ share the rest. */
        @SuppressWarnings("unchecked")
        <V extends T> V first(V value) {
            return value == null ? null : (V) values.get(number(value));
        }

        int number(T value) {
            if (value == null) {
                return -1;
            }
            return numbers.computeIfAbsent(value, v -> {
                values.add(v);
                return values.size() - 1;
            });
        }
    }
}
