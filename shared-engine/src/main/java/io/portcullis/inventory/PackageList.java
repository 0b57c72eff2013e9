package io.portcullis.inventory;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * An immutable list of packages that makes each {@link Package} when it is asked for, from a compact form. An
 * inventory can hold a million packages and is held from the layer merge until the last report is written: as
 * records with their own strings that costs about 300 bytes a package, in these lists a few dozen.
 *
 * <p>{@link Inventory} and {@code FileAnalysis} keep such a list as it is instead of copying it. Every call of
 * {@link #get} makes a new, equal {@link Package}: compare packages with {@code equals}, never {@code ==}, and walk
 * the list rather than collecting its packages, or the compact form is lost again.
 */
public abstract class PackageList extends AbstractList<Package> implements RandomAccess {

    /** Subclasses promise never to change what {@link #get} and {@link #size} answer. */
    protected PackageList() {
    }

    /** {@code packages} itself when it is a package list already, else its packages in a {@link PackageTable}. */
    public static PackageList copyOf(List<Package> packages) {
        if (packages instanceof PackageList list) {
            return list;
        }
        PackageTable.Builder table = PackageTable.builder();
        packages.forEach(table::add);
        return table.build();
    }
}
