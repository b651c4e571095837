package io.learnergraph.analysis.explore;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Finding a node by id or name as a person types: an exact id first, then an exact name, then
 * ids and names that start with the text, then those that contain it; case-insensitive, ties in
 * index order. A linear scan over the lower-cased strings (built once per snapshot): O(n · q)
 * per query, a few milliseconds per million names, with no index to keep up to date.
 */
public final class Search {

    /** How well a match matches: lower is better. */
    public enum Match { ID, NAME, PREFIX, CONTAINS }

    public record Hit(int index, Match match) {
    }

    private final String[] ids;
    private final String[] names;

    private Search(String[] ids, String[] names) {
        this.ids = ids;
        this.names = names;
    }

    /** An index over parallel arrays of ids and names (a null name is no name). */
    public static Search over(String[] ids, String[] names) {
        String[] i = new String[ids.length];
        String[] n = new String[ids.length];
        for (int k = 0; k < ids.length; k++) {
            i[k] = ids[k] == null ? "" : ids[k].toLowerCase(Locale.ROOT);
            n[k] = names == null || names[k] == null ? "" : names[k].toLowerCase(Locale.ROOT);
        }
        return new Search(i, n);
    }

    /** Up to {@code limit} hits for {@code text} (blank text finds nothing), best first. */
    public List<Hit> find(String text, int limit) {
        String q = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        List<Hit> out = new ArrayList<>();
        if (q.isEmpty() || limit < 1) {
            return out;
        }
        List<List<Hit>> byMatch = new ArrayList<>();
        for (int m = 0; m < Match.values().length; m++) {
            byMatch.add(new ArrayList<>());
        }
        for (int k = 0; k < ids.length; k++) {
            Match m = ids[k].equals(q) ? Match.ID : names[k].equals(q) ? Match.NAME
                    : ids[k].startsWith(q) || names[k].startsWith(q) ? Match.PREFIX
                    : ids[k].contains(q) || names[k].contains(q) ? Match.CONTAINS : null;
            if (m != null && byMatch.get(m.ordinal()).size() < limit) {
                byMatch.get(m.ordinal()).add(new Hit(k, m));
            }
        }
        for (List<Hit> hits : byMatch) {
            for (Hit h : hits) {
                if (out.size() == limit) {
                    return out;
                }
                out.add(h);
            }
        }
        return out;
    }
}
