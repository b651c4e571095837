package io.learnergraph.analysis.graph;

import java.util.Arrays;

/**
 * Maps sparse long keys (the store's node handles) to dense ints 0..n-1 by open addressing with
 * linear probing: 12 bytes per slot at a load factor of at most 0.5, no boxing.
 */
public final class IdIndex {

    private long[] keys;
    private int[] values;
    private int size;

    public IdIndex(int expected) {
        int cap = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        keys = new long[cap];
        values = new int[cap];
        Arrays.fill(values, -1);
    }

    /** The dense id of {@code key}, assigning the next one when it is new. */
    public int add(long key) {
        if (size * 2 >= keys.length) {
            grow();
        }
        int i = slot(key);
        if (values[i] >= 0) {
            return values[i];
        }
        keys[i] = key;
        values[i] = size;
        return size++;
    }

    /** The dense id of {@code key}, or -1. */
    public int get(long key) {
        return values[slot(key)];
    }

    /** The slot holding {@code key}, or the empty slot where it would go. */
    private int slot(long key) {
        int mask = keys.length - 1;
        int i = hash(key) & mask;
        while (values[i] >= 0 && keys[i] != key) {
            i = (i + 1) & mask;
        }
        return i;
    }

    public int size() {
        return size;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new int[oldValues.length * 2];
        Arrays.fill(values, -1);
        int mask = keys.length - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldValues[j] >= 0) {
                int i = hash(oldKeys[j]) & mask;
                while (values[i] >= 0) {
                    i = (i + 1) & mask;
                }
                keys[i] = oldKeys[j];
                values[i] = oldValues[j];
            }
        }
    }

    private static int hash(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
