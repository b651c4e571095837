package io.learnergraph.analysis.community;

import java.util.Arrays;

/**
 * An assignment of every node to a community numbered 0..count-1, numbered in order of each
 * community's smallest node so that equal partitions have equal arrays.
 */
public record Partition(int[] community, int count) {

    /** Renumbers arbitrary labels to 0..k-1 by first appearance. */
    public static Partition of(int[] labels) {
        int[] map = new int[labels.length == 0 ? 0 : Arrays.stream(labels).max().getAsInt() + 1];
        Arrays.fill(map, -1);
        int[] out = new int[labels.length];
        int next = 0;
        for (int v = 0; v < labels.length; v++) {
            int l = labels[v];
            if (map[l] < 0) {
                map[l] = next++;
            }
            out[v] = map[l];
        }
        return new Partition(out, next);
    }

    public int[] sizes() {
        int[] sizes = new int[count];
        for (int x : community) {
            sizes[x]++;
        }
        return sizes;
    }
}
