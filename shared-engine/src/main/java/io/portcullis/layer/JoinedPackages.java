package io.portcullis.layer;

import io.portcullis.inventory.Package;
import io.portcullis.inventory.PackageList;

import java.util.Arrays;
import java.util.List;

/** The package lists of several analyses one after another, as one list, without copying them. */
final class JoinedPackages extends PackageList {

    private final List<List<Package>> parts;
    /** Where each part starts in the joined list. */
    private final int[] starts;
    private final int size;

    JoinedPackages(List<List<Package>> parts) {
        this.parts = List.copyOf(parts);
        starts = new int[this.parts.size()];
        int position = 0;
        for (int i = 0; i < starts.length; i++) {
            starts[i] = position;
            position = Math.addExact(position, this.parts.get(i).size());
        }
        size = position;
    }

    @Override
    public Package get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("package " + index + " of " + size);
        }
        int part = Arrays.binarySearch(starts, index);
        // A miss gives -(insertion point) - 1; the part holding index starts just before that point. Parts that are
        // empty share their start with the next one, so a hit is moved to the last part starting there.
        if (part < 0) {
            part = -part - 2;
        } else {
            while (part + 1 < starts.length && starts[part + 1] == index) {
                part++;
            }
        }
        return parts.get(part).get(index - starts[part]);
    }

    @Override
    public int size() {
        return size;
    }
}
