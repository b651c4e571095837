package io.learnergraph.analysis.growth;

/**
 * Users assigned to groups for a breakdown: {@code group[u]} in {@code 0..keys.length-1}, or -1
 * to leave the user out. Built by the service from the tier, community or nothing.
 */
public record Grouping(int[] group, String[] keys) {

    /** Every user in one group named {@code all}. */
    public static Grouping all(int users) {
        return new Grouping(new int[users], new String[]{"all"});
    }
}
