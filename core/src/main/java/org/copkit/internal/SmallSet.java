package org.copkit.internal;

import java.util.AbstractSet;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * An unmodifiable set of a few distinct, non-null elements in one array, iterated in the order given:
 * what {@link Checks#set} returns for two to {@link #MAX} elements (a record's tags, an audience's
 * organisations), two objects where a {@link java.util.LinkedHashSet} takes five and about four times
 * the memory. {@code contains} compares with each element. Thread-safe (immutable).
 */
final class SmallSet<T> extends AbstractSet<T> {
    /** The most elements a small set holds; larger sets are hashed. */
    static final int MAX = 16;

    private final Object[] elements;

    /** @param elements distinct and non-null, in iteration order; not copied */
    SmallSet(Object[] elements) {
        this.elements = elements;
    }

    @Override
    public int size() {
        return elements.length;
    }

    @Override
    public boolean contains(Object o) {
        if (o == null) {
            return false;
        }
        for (Object e : elements) {
            if (e.equals(o)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Iterator<T> iterator() {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < elements.length;
            }

            @Override
            @SuppressWarnings("unchecked")
            public T next() {
                if (next >= elements.length) {
                    throw new NoSuchElementException();
                }
                return (T) elements[next++];
            }
        };
    }
}
