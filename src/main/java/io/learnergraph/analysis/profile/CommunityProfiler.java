package io.learnergraph.analysis.profile;

import io.learnergraph.analysis.community.Partition;
import io.learnergraph.analysis.graph.CsrGraph;
import io.learnergraph.analysis.graph.GraphSnapshot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What each community is about and who leads it.
 *
 * <ul>
 *   <li>density: internal social ties over possible pairs, s(s−1)/2 (unweighted);</li>
 *   <li>top topics: TF-IDF with each community as a document: tf = the community's learning
 *   weight reaching the topic through course coverage, normalised to sum 1; idf = ln((1 + K) /
 *   (1 + df)) + 1 over the K profiled communities (the smoothed form of scikit-learn);</li>
 *   <li>top influencers: members by the given influence score (PageRank);</li>
 *   <li>churned share: members with no learning or social event in the {@code inactiveDays}
 *   before the snapshot's latest event;</li>
 *   <li>tier mix: share of members per tier.</li>
 * </ul>
 * Communities smaller than {@code floor} are never profiled alone; they are summed in one
 * {@link SmallCommunities} bucket (privacy). O(n + m_social + m_learning · topics per course).
 */
public final class CommunityProfiler {

    public record TopicScore(int topic, double score) {
    }

    public record MemberScore(int user, double score) {
    }

    public record CommunityProfile(int id, int size, double density, List<TopicScore> topTopics,
                                   List<MemberScore> topInfluencers, double churnedShare, Map<String, Double> tierMix) {
    }

    public record SmallCommunities(int communities, int members, double churnedShare, Map<String, Double> tierMix) {
    }

    /** Profiles, largest community first. */
    public record Profiles(List<CommunityProfile> communities, SmallCommunities small) {
    }

    public record Parameters(int floor, int inactiveDays, int topTopics, int topInfluencers) {

        /** Topics and influencers listed per community profile. */
        public static final int TOP_TOPICS_DEFAULT = 5;
        public static final int TOP_INFLUENCERS_DEFAULT = 5;

        /** The given floor and inactivity window, the default list lengths. */
        public static Parameters of(int floor, int inactiveDays) {
            return new Parameters(floor, inactiveDays, TOP_TOPICS_DEFAULT, TOP_INFLUENCERS_DEFAULT);
        }

        public Parameters {
            if (floor < 1 || inactiveDays < 1 || topTopics < 0 || topInfluencers < 0) {
                throw new IllegalArgumentException("floor and inactiveDays must be >= 1, tops >= 0");
            }
        }
    }

    private CommunityProfiler() {
    }

    public static Profiles profile(GraphSnapshot s, Partition p, double[] influence, Parameters params) {
        int n = s.users().count();
        int k = p.count();
        int[] sizes = p.sizes();
        int[][] members = membersByCommunity(p, sizes);
        boolean[] churned = churned(s, params.inactiveDays());
        double[] idf = inverseDocumentFrequency(s, members, sizes, params.floor());
        List<CommunityProfile> out = new ArrayList<>();
        int smallCount = 0;
        int smallMembers = 0;
        int smallChurned = 0;
        Map<String, Integer> smallTiers = new LinkedHashMap<>();
        double[] tf = new double[s.topics().count()];
        for (int c = 0; c < k; c++) {
            int[] m = members[c];
            if (m.length < params.floor()) {
                smallCount++;
                smallMembers += m.length;
                for (int u : m) {
                    smallChurned += churned[u] ? 1 : 0;
                    smallTiers.merge(String.valueOf(s.users().tiers()[u]), 1, Integer::sum);
                }
                continue;
            }
            int churnedHere = 0;
            Map<String, Integer> tiers = new LinkedHashMap<>();
            for (int u : m) {
                churnedHere += churned[u] ? 1 : 0;
                tiers.merge(String.valueOf(s.users().tiers()[u]), 1, Integer::sum);
            }
            out.add(new CommunityProfile(c, m.length, density(s.socialUndirected(), p.community(), c, m),
                    topTopics(s, m, idf, tf, params.topTopics()), top(m, influence, params.topInfluencers()),
                    (double) churnedHere / m.length, shares(tiers, m.length)));
        }
        out.sort(Comparator.comparingInt(CommunityProfile::size).reversed().thenComparingInt(CommunityProfile::id));
        SmallCommunities small = new SmallCommunities(smallCount, smallMembers,
                smallMembers == 0 ? 0 : (double) smallChurned / smallMembers, shares(smallTiers, smallMembers));
        return new Profiles(out, small);
    }

    /** Users with no event in the window before the snapshot's reference time. */
    public static boolean[] churned(GraphSnapshot s, int inactiveDays) {
        long cutoff = s.referenceMinute() == GraphSnapshot.NO_TIME ? Long.MAX_VALUE
                : s.referenceMinute() - inactiveDays * 1440L;
        boolean[] out = new boolean[s.users().count()];
        long[] last = s.users().lastActive();
        for (int u = 0; u < out.length; u++) {
            out[u] = last[u] == GraphSnapshot.NO_TIME || last[u] <= cutoff;
        }
        return out;
    }

    static int[][] membersByCommunity(Partition p, int[] sizes) {
        int[][] members = new int[p.count()][];
        for (int c = 0; c < p.count(); c++) {
            members[c] = new int[sizes[c]];
        }
        int[] fill = new int[p.count()];
        for (int u = 0; u < p.community().length; u++) {
            int c = p.community()[u];
            members[c][fill[c]++] = u;
        }
        return members;
    }

    private static double density(CsrGraph undirected, int[] comm, int c, int[] members) {
        if (members.length < 2) {
            return 0;
        }
        long internalArcs = 0;
        for (int u : members) {
            for (int a = undirected.start(u); a < undirected.end(u); a++) {
                if (comm[undirected.target(a)] == c) {
                    internalArcs++;
                }
            }
        }
        double pairs = members.length * (members.length - 1) / 2.0;
        return internalArcs / 2.0 / pairs;
    }

    /** Adds the community's learning weight per topic into {@code tf}; returns the total. */
    private static double termFrequencies(GraphSnapshot s, int[] members, double[] tf) {
        Arrays.fill(tf, 0);
        CsrGraph learning = s.learning();
        CsrGraph coverage = s.coverage();
        double total = 0;
        for (int u : members) {
            for (int a = learning.start(u); a < learning.end(u); a++) {
                int course = learning.target(a);
                double w = learning.weight(a);
                for (int b = coverage.start(course); b < coverage.end(course); b++) {
                    double x = w * coverage.weight(b);
                    tf[coverage.target(b)] += x;
                    total += x;
                }
            }
        }
        return total;
    }

    private static double[] inverseDocumentFrequency(GraphSnapshot s, int[][] members, int[] sizes, int floor) {
        int topics = s.topics().count();
        int[] df = new int[topics];
        int documents = 0;
        double[] tf = new double[topics];
        for (int c = 0; c < members.length; c++) {
            if (sizes[c] < floor) {
                continue;
            }
            documents++;
            termFrequencies(s, members[c], tf);
            for (int t = 0; t < topics; t++) {
                df[t] += tf[t] > 0 ? 1 : 0;
            }
        }
        double[] idf = new double[topics];
        for (int t = 0; t < topics; t++) {
            idf[t] = Math.log((1.0 + documents) / (1.0 + df[t])) + 1;
        }
        return idf;
    }

    private static List<TopicScore> topTopics(GraphSnapshot s, int[] members, double[] idf, double[] tf, int limit) {
        double total = termFrequencies(s, members, tf);
        if (total == 0) {
            return List.of();
        }
        List<TopicScore> scores = new ArrayList<>();
        for (int t = 0; t < tf.length; t++) {
            if (tf[t] > 0) {
                scores.add(new TopicScore(t, tf[t] / total * idf[t]));
            }
        }
        scores.sort(Comparator.comparingDouble(TopicScore::score).reversed().thenComparingInt(TopicScore::topic));
        return List.copyOf(scores.subList(0, Math.min(limit, scores.size())));
    }

    /** The {@code limit} members with the highest score, ties by lower id. */
    public static List<MemberScore> top(int[] members, double[] score, int limit) {
        return Arrays.stream(members).boxed()
                .sorted(Comparator.comparingDouble((Integer u) -> score[u]).reversed().thenComparingInt(u -> u))
                .limit(limit).map(u -> new MemberScore(u, score[u])).toList();
    }

    private static Map<String, Double> shares(Map<String, Integer> counts, int total) {
        Map<String, Double> out = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> out.put(e.getKey(), total == 0 ? 0 : (double) e.getValue() / total));
        return out;
    }
}
