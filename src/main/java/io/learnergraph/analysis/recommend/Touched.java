package io.learnergraph.analysis.recommend;

/**
 * The ids a request wrote to, so that reusable per-thread arrays are cleaned in time proportional
 * to what was touched rather than to the catalogue: a request costs its neighbourhood, not O(n).
 */
final class Touched {

    private final int[] items;
    private final boolean[] mark;
    private int size;

    Touched(int capacity) {
        items = new int[capacity];
        mark = new boolean[capacity];
    }

    void add(int i) {
        if (!mark[i]) {
            mark[i] = true;
            items[size++] = i;
        }
    }

    boolean contains(int i) {
        return mark[i];
    }

    int size() {
        return size;
    }

    int get(int k) {
        return items[k];
    }

    /** Forgets every id (the caller zeroes its own arrays at them first). */
    void clear() {
        for (int k = 0; k < size; k++) {
            mark[items[k]] = false;
        }
        size = 0;
    }
}
