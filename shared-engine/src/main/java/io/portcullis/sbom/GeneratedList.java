package io.portcullis.sbom;

import java.util.AbstractList;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.function.IntFunction;

/**
 * A read-only list whose elements are made only when asked for and not kept, so a serialiser walking a
 * document with a million components holds one of them at a time, not a second copy of the inventory.
 */
final class GeneratedList<T> extends AbstractList<T> implements RandomAccess {

    private final int size;
    private final IntFunction<T> make;

    /** @param make the element at an index, made anew at every call */
    GeneratedList(int size, IntFunction<T> make) {
        this.size = size;
        this.make = make;
    }

    @Override
    public T get(int index) {
        return make.apply(Objects.checkIndex(index, size));
    }

    @Override
    public int size() {
        return size;
    }
}
