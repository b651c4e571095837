package io.learnergraph.ingest;

/**
 * A set of {@code long} keys by open addressing with linear probing, for the bulk path's
 * duplicate detection over tens of millions of rows (8 bytes a slot, at most half full: 16–32
 * bytes a key, against ~60 for a {@code HashSet<Long>}). Zero is a key like any other.
 */
final class LongHashSet {

    private long[] slots;
    private boolean containsZero;
    private int size;
    private int mask;

    LongHashSet(long expected) {
        int capacity = Integer.highestOneBit((int) Math.min(1 << 29, Math.max(16, expected * 2 - 1))) << 1;
        slots = new long[capacity];
        mask = capacity - 1;
    }

    /** Adds {@code key}; false when it was there already. */
    boolean add(long key) {
        if (key == 0) {
            boolean added = !containsZero;
            containsZero = true;
            return added;
        }
        int i = (int) mix(key) & mask;
        while (slots[i] != 0) {
            if (slots[i] == key) {
                return false;
            }
            i = (i + 1) & mask;
        }
        slots[i] = key;
        if (++size * 2 > slots.length) {
            grow();
        }
        return true;
    }

    int size() {
        return size + (containsZero ? 1 : 0);
    }

    private void grow() {
        if (slots.length == 1 << 30) {
            throw new IllegalStateException("more than " + (1 << 29) + " distinct keys in one set");
        }
        long[] old = slots;
        slots = new long[old.length * 2];
        mask = slots.length - 1;
        for (long key : old) {
            if (key != 0) {
                int i = (int) mix(key) & mask;
                while (slots[i] != 0) {
                    i = (i + 1) & mask;
                }
                slots[i] = key;
            }
        }
    }

    /** The finaliser of SplitMix64 (Steele, Lea and Flood 2014): every input bit moves every output bit. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
