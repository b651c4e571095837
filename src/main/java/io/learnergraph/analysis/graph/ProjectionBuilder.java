package io.learnergraph.analysis.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Assembles a {@link GraphSnapshot} from rows streamed out of the store: nodes first, then
 * events, in any order. Events are buffered compactly (two ints, a type code and a minute)
 * until {@link #build} knows the reference time for decay, then aggregated per pair into CSR.
 * Events that reference unknown nodes are counted and skipped.
 */
public final class ProjectionBuilder {

    private final ProjectionWeights weights;
    private final IdIndex userIndex = new IdIndex(1024);
    private final IdIndex courseIndex = new IdIndex(256);
    private final IdIndex topicIndex = new IdIndex(256);
    private final List<String> userIds = new ArrayList<>();
    private final List<String> userNames = new ArrayList<>();
    private final List<String> userTiers = new ArrayList<>();
    private final List<Long> userStoreIds = new ArrayList<>();
    private long[] joined = new long[1024];
    private final List<String> courseIds = new ArrayList<>();
    private final List<String> courseTitles = new ArrayList<>();
    private final List<String> courseTiers = new ArrayList<>();
    private final List<Long> courseCreatorStoreIds = new ArrayList<>();
    private final List<String> topicIds = new ArrayList<>();
    private final List<String> topicNames = new ArrayList<>();
    private final EventBuffer social = new EventBuffer();
    private final EventBuffer learning = new EventBuffer();
    private final List<String> typeNames = new ArrayList<>();
    private final List<int[]> prerequisitePairs = new ArrayList<>();
    private final List<Float> coverageWeights = new ArrayList<>();
    private final List<int[]> coveragePairs = new ArrayList<>();
    private int memberSize;
    private int[] memberUser = new int[256];
    private long[] memberMinute = new long[256];
    private String[] memberTier = new String[256];
    private long skipped;
    private String lastType;
    private byte lastTypeCode;
    private long maxMinute = GraphSnapshot.NO_TIME;

    public ProjectionBuilder(ProjectionWeights weights) {
        this.weights = weights;
    }

    public void addUser(long storeId, String id, String name, String tier, long joinedMinute) {
        int i = userIndex.add(storeId);
        if (i < userIds.size()) {
            return; // the same node twice
        }
        userIds.add(id);
        userNames.add(name);
        userTiers.add(tier);
        userStoreIds.add(storeId);
        if (i >= joined.length) {
            joined = Arrays.copyOf(joined, joined.length * 2);
        }
        joined[i] = joinedMinute;
    }

    public void addCourse(long storeId, String id, String title, String tier, long creatorStoreId) {
        int i = courseIndex.add(storeId);
        if (i < courseIds.size()) {
            return;
        }
        courseIds.add(id);
        courseTitles.add(title);
        courseTiers.add(tier);
        courseCreatorStoreIds.add(creatorStoreId);
    }

    public void addTopic(long storeId, String id, String name) {
        int i = topicIndex.add(storeId);
        if (i < topicIds.size()) {
            return;
        }
        topicIds.add(id);
        topicNames.add(name);
    }

    /** A follow or a social interaction from one user to another. */
    public void addSocial(long fromStoreId, long toStoreId, String relationshipType, long atMinute) {
        int a = userIndex.get(fromStoreId);
        int b = userIndex.get(toStoreId);
        if (a < 0 || b < 0) {
            skipped++;
            return;
        }
        social.add(a, b, typeCode(relationshipType), atMinute, Double.NaN);
        seen(atMinute);
    }

    /** A learning event of a user on a course, without a value. */
    public void addLearning(long userStoreId, long courseStoreId, String relationshipType, long atMinute) {
        addLearning(userStoreId, courseStoreId, relationshipType, atMinute, Double.NaN);
    }

    /** A learning event with its value: seconds (view, progress), stars (rate), amount (purchase), or NaN. */
    public void addLearning(long userStoreId, long courseStoreId, String relationshipType, long atMinute, double value) {
        int u = userIndex.get(userStoreId);
        int c = courseIndex.get(courseStoreId);
        if (u < 0 || c < 0) {
            skipped++;
            return;
        }
        learning.add(u, c, typeCode(relationshipType), atMinute, value);
        seen(atMinute);
    }

    /** A membership change: from {@code atMinute} on, the user holds {@code tier}. */
    public void addMembership(long userStoreId, String tier, long atMinute) {
        int u = userIndex.get(userStoreId);
        if (u < 0 || tier == null) {
            skipped++;
            return;
        }
        if (memberSize == memberUser.length) {
            int cap = memberSize * 2;
            memberUser = Arrays.copyOf(memberUser, cap);
            memberMinute = Arrays.copyOf(memberMinute, cap);
            memberTier = Arrays.copyOf(memberTier, cap);
        }
        memberUser[memberSize] = u;
        memberMinute[memberSize] = atMinute;
        memberTier[memberSize] = tier.intern(); // a handful of tier names, millions of changes
        memberSize++;
    }

    public void addCoverage(long courseStoreId, long topicStoreId, double weight) {
        int c = courseIndex.get(courseStoreId);
        int t = topicIndex.get(topicStoreId);
        if (c < 0 || t < 0) {
            skipped++;
            return;
        }
        coveragePairs.add(new int[]{c, t});
        coverageWeights.add((float) weight);
    }

    public void addPrerequisite(long topicStoreId, long requiredStoreId) {
        int t = topicIndex.get(topicStoreId);
        int r = topicIndex.get(requiredStoreId);
        if (t < 0 || r < 0) {
            skipped++;
            return;
        }
        prerequisitePairs.add(new int[]{t, r});
    }

    /** Rows that referenced nodes not loaded (the graph changed while it was read). */
    public long skipped() {
        return skipped;
    }

    public GraphSnapshot build(long version) {
        int nu = userIds.size();
        int nc = courseIds.size();
        int nt = topicIds.size();
        long now = maxMinute;
        long[] lastActive = new long[nu];
        Arrays.fill(lastActive, GraphSnapshot.NO_TIME);
        double[] typeWeight = new double[typeNames.size()];
        for (int i = 0; i < typeWeight.length; i++) {
            typeWeight[i] = weights.byRelationshipType().getOrDefault(typeNames.get(i), 0.0);
        }
        ActivityLog activity = activityLog(nu);
        // arcs are labelled with the event types merged into them and their latest time
        int[] socialBits = labelBits(social);
        CsrGraph.Builder sb = CsrGraph.builder(nu, social.size).labelled(labelNames(socialBits));
        for (int i = 0; i < social.size; i++) {
            int a = social.from[i];
            double w = weight(social.type[i], social.minute[i], now);
            if (w > 0) {
                sb.add(a, social.to[i], w, socialBits[social.type[i]], minute(social.minute[i]));
            }
            if (!"FOLLOWS".equals(typeNames.get(social.type[i]))) { // following is not activity
                lastActive[a] = Math.max(lastActive[a], social.minute[i]);
            }
        }
        CsrGraph socialGraph = sb.build();
        social.release();
        int[] learningBits = labelBits(learning);
        CsrGraph.Builder lb = CsrGraph.bipartiteBuilder(nu, nc, learning.size).labelled(labelNames(learningBits));
        for (int i = 0; i < learning.size; i++) {
            int u = learning.from[i];
            double w = weight(learning.type[i], learning.minute[i], now);
            if (w > 0) {
                lb.add(u, learning.to[i], w, learningBits[learning.type[i]], minute(learning.minute[i]));
            }
            lastActive[u] = Math.max(lastActive[u], learning.minute[i]);
        }
        CsrGraph learningGraph = lb.build();
        learning.release();
        CsrGraph.Builder cb = CsrGraph.bipartiteBuilder(nc, nt, coveragePairs.size());
        for (int i = 0; i < coveragePairs.size(); i++) {
            cb.add(coveragePairs.get(i)[0], coveragePairs.get(i)[1], coverageWeights.get(i));
        }
        CsrGraph.Builder pb = CsrGraph.builder(nt, prerequisitePairs.size());
        prerequisitePairs.forEach(p -> pb.add(p[0], p[1], 1));
        int[] creator = new int[nc];
        for (int c = 0; c < nc; c++) {
            Long s = courseCreatorStoreIds.get(c);
            creator[c] = s == null ? -1 : userIndex.get(s);
        }
        String[] uids = userIds.toArray(String[]::new);
        String[] cids = courseIds.toArray(String[]::new);
        String[] tids = topicIds.toArray(String[]::new);
        GraphSnapshot.Users users = new GraphSnapshot.Users(uids, userNames.toArray(String[]::new),
                userTiers.toArray(String[]::new), Arrays.copyOf(joined, nu), lastActive,
                userStoreIds.stream().mapToLong(Long::longValue).toArray(), GraphSnapshot.indexOf(uids));
        GraphSnapshot.Courses courses = new GraphSnapshot.Courses(cids, courseTitles.toArray(String[]::new),
                courseTiers.toArray(String[]::new), creator, GraphSnapshot.indexOf(cids));
        GraphSnapshot.Topics topics = new GraphSnapshot.Topics(tids, topicNames.toArray(String[]::new),
                GraphSnapshot.indexOf(tids));
        return new GraphSnapshot(version, now, users, courses, topics, socialGraph, socialGraph.undirected(),
                learningGraph, learningGraph.transpose(), cb.build(), pb.build(), activity);
    }

    private ActivityLog activityLog(int nu) {
        boolean[] learningType = new boolean[typeNames.size()];
        for (int i = 0; i < learning.size; i++) {
            learningType[learning.type[i]] = true;
        }
        ActivityLog.Events[] batches = {
                new ActivityLog.Events(social.size, social.from, social.to, social.type, social.minute, null),
                new ActivityLog.Events(learning.size, learning.from, learning.to, learning.type, learning.minute,
                        learning.value)};
        return ActivityLog.of(nu, typeNames.toArray(String[]::new), learningType, batches, memberSize, memberUser,
                memberMinute, memberTier);
    }

    /** A label bit per type code that occurs in the buffer (0 for the others). */
    private int[] labelBits(EventBuffer events) {
        int[] bits = new int[typeNames.size()];
        int next = 0;
        for (int i = 0; i < events.size; i++) {
            int t = events.type[i];
            if (bits[t] == 0) {
                if (next == 32) {
                    throw new IllegalStateException("more than 32 relationship types in one graph");
                }
                bits[t] = 1 << next++;
            }
        }
        return bits;
    }

    private String[] labelNames(int[] bits) {
        String[] names = new String[Integer.bitCount(Arrays.stream(bits).reduce(0, (a, b) -> a | b))];
        for (int t = 0; t < bits.length; t++) {
            if (bits[t] != 0) {
                names[Integer.numberOfTrailingZeros(bits[t])] = typeNames.get(t);
            }
        }
        return names;
    }

    private static int minute(long m) {
        return m == GraphSnapshot.NO_TIME ? CsrGraph.NO_MINUTE : (int) m;
    }

    private double weight(int type, long minute, long now) {
        return weights.weight(typeNames.get(type), minute, now);
    }

    private void seen(long minute) {
        if (minute != GraphSnapshot.NO_TIME) {
            maxMinute = maxMinute == GraphSnapshot.NO_TIME ? minute : Math.max(maxMinute, minute);
        }
    }

    private byte typeCode(String type) {
        // rows arrive grouped by (node, type): the same string many times in a row
        if (type == lastType) {
            return lastTypeCode;
        }
        int i = typeNames.indexOf(type);
        if (i < 0) {
            if (typeNames.size() == 127) {
                throw new IllegalStateException("more than 127 relationship types");
            }
            typeNames.add(type);
            i = typeNames.size() - 1;
        }
        lastType = type;
        lastTypeCode = (byte) i;
        return lastTypeCode;
    }

    /** Events as parallel primitive arrays: 21 bytes each until the CSR and the log are built. */
    private static final class EventBuffer {
        int[] from = new int[1024];
        int[] to = new int[1024];
        byte[] type = new byte[1024];
        long[] minute = new long[1024];
        float[] value = new float[1024];
        int size;

        void add(int a, int b, byte t, long m, double v) {
            if (size == from.length) {
                int cap = (int) Math.min(Integer.MAX_VALUE - 8, size * 3L / 2);
                from = Arrays.copyOf(from, cap);
                to = Arrays.copyOf(to, cap);
                type = Arrays.copyOf(type, cap);
                minute = Arrays.copyOf(minute, cap);
                value = Arrays.copyOf(value, cap);
            }
            from[size] = a;
            to[size] = b;
            type[size] = t;
            minute[size] = m;
            value[size] = (float) v;
            size++;
        }

        void release() {
            from = null;
            to = null;
            type = null;
            minute = null;
            value = null;
        }
    }
}
