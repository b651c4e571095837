package io.learnergraph.demo;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Generates a believable online-learning platform as the import CSV set, deterministic by seed.
 *
 * <p>What it plants, so analyses have something real to find: interest communities (users
 * follow mostly inside their community, preferentially the popular, with heavy-tailed follower
 * counts for creators); a prerequisite DAG of topics per subject area; courses by creators of
 * that area, gated by tier; learning that follows interests and prerequisites (users take
 * courses whose prerequisite topics they have completed); ratings driven by course quality;
 * upgrades when a wanted course is gated; and churn, simulated week by week, whose hazard rises
 * as a user's motivation falls and as the people they follow leave. The planted truth (each
 * user's community and churn time) goes to {@code planted_truth.csv}, which the import ignores.
 */
public final class DemoPlatformGenerator {

    /**
     * What to generate.
     *
     * @param learningFile false to simulate learning (it drives churn) without writing
     *                     learning.csv, for benchmarks that need only the social graph
     */
    public record Parameters(int users, long seed, LocalDate start, int weeks, boolean learningFile,
                             Mechanisms mechanisms) {
        public Parameters {
            java.util.Objects.requireNonNull(mechanisms, "mechanisms");
            if (users < 50) {
                throw new IllegalArgumentException("a demo platform needs at least 50 users, was " + users);
            }
            if (weeks < 8) {
                throw new IllegalArgumentException("weeks must be >= 8, was " + weeks);
            }
        }

        public static Parameters of(int users, long seed) {
            return new Parameters(users, seed, LocalDate.of(2026, 1, 5), 44, true, Mechanisms.DEMO);
        }

        public Parameters withoutLearningFile() {
            return new Parameters(users, seed, start, weeks, false, mechanisms);
        }

        public Parameters with(Mechanisms m) {
            return new Parameters(users, seed, start, weeks, learningFile, m);
        }

        /** The first instant after the simulation: the platform's "now". */
        public LocalDate end() {
            return start.plusWeeks(weeks);
        }
    }

    /**
     * How the simulated platform behaves: the mechanisms a recommender and a churn model have to
     * discover. The {@link #DEMO} mechanisms are the original demo's (every enrolment follows
     * prerequisites; churn from falling motivation and departures of followees).
     *
     * @param prerequisiteShare share of new enrolments on a course of a topic whose prerequisites
     *                          the user has done, in their area (normalised with the next two)
     * @param contactShare      share on a course someone the user follows enrolled in within the last 30 days
     * @param popularShare      share on a course drawn by its recent enrolments platform-wide
     * @param branchFocus       chance a prerequisite-driven choice continues the branch of the user's
     *                          latest completed topic (a topic requiring it) when one is ready
     * @param skipAhead         chance a topic whose prerequisites are not done is considered anyway
     *                          (0.03 strict, 0.3+ loose)
     * @param tiersEnforced     whether a course above the user's tier needs an upgrade to enrol
     * @param decay             weight of falling motivation in the weekly hazard of leaving
     * @param contagion         weight of followees who left in the weekly hazard of leaving
     * @param breakChance       weekly chance an active user takes a break of 5 to 12 weeks and comes
     *                          back: quiet, but not gone (what separates "quiet for 30 days" from leaving)
     * @param fadeWeeks         a user who decides to leave fades out over 1 to this many weeks first,
     *                          half as active each week (0: leaves at once, as in the demo)
     */
    public record Mechanisms(double prerequisiteShare, double contactShare, double popularShare, double branchFocus,
                             double skipAhead, boolean tiersEnforced, double decay, double contagion,
                             double breakChance, int fadeWeeks) {

        public static final Mechanisms DEMO = new Mechanisms(1, 0, 0, 0, 0.03, true, 1, 1, 0, 0);

        /** The named presets, in report order: platforms built differently from the demo. */
        public static final Map<String, Mechanisms> PRESETS = presets();

        public Mechanisms {
            double[] shares = {prerequisiteShare, contactShare, popularShare};
            for (double s : shares) {
                if (!(s >= 0 && s <= 1)) {
                    throw new IllegalArgumentException("enrolment shares must be in [0, 1], were " + Arrays.toString(shares));
                }
            }
            if (prerequisiteShare + contactShare + popularShare <= 0) {
                throw new IllegalArgumentException("at least one enrolment share must be positive");
            }
            for (double x : new double[]{branchFocus, skipAhead, breakChance}) {
                if (!(x >= 0 && x <= 1)) {
                    throw new IllegalArgumentException("branchFocus, skipAhead and breakChance must be in [0, 1]");
                }
            }
            if (!(decay >= 0 && decay <= 10) || !(contagion >= 0 && contagion <= 10)) {
                throw new IllegalArgumentException("decay and contagion must be in [0, 10]");
            }
            if (fadeWeeks < 0 || fadeWeeks > 12) {
                throw new IllegalArgumentException("fadeWeeks must be in 0..12, was " + fadeWeeks);
            }
        }

        private static Map<String, Mechanisms> presets() {
            Map<String, Mechanisms> m = new LinkedHashMap<>();
            m.put("demo", DEMO);
            // learners climb their own branch of the prerequisite tree; contacts matter some
            m.put("prerequisites", new Mechanisms(0.65, 0.2, 0.15, 0.7, 0.03, true, 1, 1, 0.01, 4));
            // learners take what their contacts just took; loose prerequisites, no gating; churn spreads
            m.put("social", new Mechanisms(0.25, 0.55, 0.2, 0.3, 0.3, false, 0.3, 1.8, 0.01, 2));
            // a best-seller shop: popularity drives enrolment, loose prerequisites, churn by decay alone
            m.put("popular", new Mechanisms(0.15, 0.1, 0.75, 0, 0.5, false, 2, 0, 0.02, 6));
            // half prerequisites along a branch, a third contacts; users take breaks and come back
            m.put("mixed", new Mechanisms(0.5, 0.35, 0.15, 0.6, 0.1, true, 0.7, 2, 0.03, 3));
            return Collections.unmodifiableMap(m);
        }

        /** The share of new enrolments chosen by prerequisites. */
        public double prerequisiteDriven() {
            return prerequisiteShare / (prerequisiteShare + contactShare + popularShare);
        }

        public static Mechanisms preset(String name) {
            Mechanisms m = PRESETS.get(name);
            if (m == null) {
                throw new IllegalArgumentException("unknown preset '" + name + "'; presets: " + String.join(", ",
                        PRESETS.keySet()));
            }
            return m;
        }
    }

    /** Row counts of what was written. */
    public record Summary(int users, int topics, int courses, long follows, long social, long learning,
                         long memberships, int churned, double seconds) {
    }

    static final String[] AREAS = {"Python", "Data Science", "Machine Learning", "Web Development", "Design",
            "Marketing", "Finance", "Photography", "Music Production", "Writing", "Languages", "Cloud",
            "Security", "Product Management", "Entrepreneurship", "Mathematics"};
    private static final String[] LEVELS = {"Foundations", "Essentials", "Intermediate", "Applied", "Advanced",
            "Expert"};
    private static final String[] SYLLABLES = {"an", "be", "ca", "di", "el", "fa", "go", "hi", "in", "jo", "ka",
            "li", "mo", "na", "or", "pa", "qi", "ra", "so", "ta", "ul", "vi", "wa", "xe", "ya", "zo"};
    private static final double[] TIER_SHARE = {0.60, 0.25, 0.12, 0.03};
    private static final double[] TIER_PRICE = {0, 19, 49, 149};
    private static final String[] SOCIAL_TYPES = {"like", "comment", "reply", "share", "answer", "mention", "tip"};
    private static final double[] SOCIAL_SHARE = {0.40, 0.20, 0.12, 0.08, 0.08, 0.08, 0.04};
    private static final long WEEK = 7L * 24 * 3600;

    private static final long CONTACT_WINDOW = 30L * 24 * 3600;
    private static final int RECENT_PER_USER = 3;

    private final Parameters p;
    private final Mechanisms m;
    private final SplittableRandom rnd;
    // draws of the mechanisms beyond the demo's, so the demo's own stream (and output) is unchanged
    private final SplittableRandom mech;
    private final String[] tiers;

    // topics
    private int topicCount;
    private int[] topicArea;
    private int[] topicLevel;
    private int[][] topicRequires;
    private int[][] topicRequiredBy;
    private int[][] areaTopics;
    // users
    private int[] community;
    private double[] popularity;
    private long[] joinedAt;
    private int[] tier;
    private double[] activity;
    private double[] sociability;
    private int[] secondaryArea;
    private double[] baseline;
    // courses
    private int courseCount;
    private int[] courseCreator;
    private int[] courseTier;
    private double[] courseQuality;
    private int[][] courseTopics;
    private int[][] topicCourses;
    // follows: out-lists
    private int[][] following;
    private long membershipRows;
    // recent enrolments, for contact- and popularity-driven choices (allocated when those are on)
    private int[] recentCourse;
    private long[] recentAt;
    private int[] recentGlobal;
    private int[] recentGlobalCount;
    private long globalCount;
    private int[] lastTopic;

    public DemoPlatformGenerator(Parameters parameters, List<String> tiers) {
        this.p = parameters;
        this.m = parameters.mechanisms();
        this.rnd = new SplittableRandom(parameters.seed());
        this.mech = new SplittableRandom(parameters.seed() * 0x9E3779B97F4A7C15L + 17);
        if (tiers.size() != TIER_SHARE.length) {
            // The demo's tier mix is written for four tiers; map by rank onto whatever is configured.
            this.tiers = new String[TIER_SHARE.length];
            for (int i = 0; i < TIER_SHARE.length; i++) {
                this.tiers[i] = tiers.get(Math.min(tiers.size() - 1, i * tiers.size() / TIER_SHARE.length));
            }
        } else {
            this.tiers = tiers.toArray(String[]::new);
        }
    }

    public Summary writeTo(Path dir) {
        long t0 = System.nanoTime();
        try {
            Files.createDirectories(dir);
            makeTopics();
            indexRequiredBy();
            makeUsers();
            makeCourses();
            makeFollows();
            writeStatic(dir);
            return simulate(dir, t0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the demo platform to " + dir, e);
        }
    }

    // ---------------------------------------------------------------- structure

    private int areaCount() {
        return Math.min(AREAS.length, Math.max(6, (int) Math.round(Math.log(p.users()) * 1.3)));
    }

    private void makeTopics() {
        int areas = areaCount();
        int perArea = Math.max(10, Math.min(300, p.users() / 10) / areas);
        topicCount = perArea * areas;
        topicArea = new int[topicCount];
        topicLevel = new int[topicCount];
        topicRequires = new int[topicCount][];
        areaTopics = new int[areas][perArea];
        for (int a = 0; a < areas; a++) {
            for (int k = 0; k < perArea; k++) {
                int t = a * perArea + k;
                areaTopics[a][k] = t;
                topicArea[t] = a;
                // levels grow along the area's list: the first topics are foundations
                topicLevel[t] = Math.min(LEVELS.length - 1, k * LEVELS.length / perArea);
                if (k == 0) {
                    topicRequires[t] = new int[0];
                    continue;
                }
                // one or two prerequisites among earlier topics of the area, mostly recent ones
                int first = a * perArea + Math.max(0, k - 1 - rnd.nextInt(Math.min(k, 4)));
                if (k >= 3 && rnd.nextDouble() < 0.35) {
                    int second = a * perArea + rnd.nextInt(k);
                    topicRequires[t] = second == first ? new int[]{first} : new int[]{first, second};
                } else {
                    topicRequires[t] = new int[]{first};
                }
            }
        }
    }

    private void indexRequiredBy() {
        int[] counts = new int[topicCount];
        for (int[] rs : topicRequires) {
            for (int r : rs) {
                counts[r]++;
            }
        }
        topicRequiredBy = new int[topicCount][];
        for (int t = 0; t < topicCount; t++) {
            topicRequiredBy[t] = new int[counts[t]];
        }
        int[] fill = new int[topicCount];
        for (int t = 0; t < topicCount; t++) {
            for (int r : topicRequires[t]) {
                topicRequiredBy[r][fill[r]++] = t;
            }
        }
    }

    private void makeUsers() {
        int n = p.users();
        int areas = areaCount();
        // community sizes: uneven, like real interest groups
        double[] share = new double[areas];
        double sum = 0;
        for (int a = 0; a < areas; a++) {
            share[a] = 0.4 + rnd.nextDouble() * 1.6;
            sum += share[a];
        }
        double[] cumulative = new double[areas];
        double acc = 0;
        for (int a = 0; a < areas; a++) {
            acc += share[a] / sum;
            cumulative[a] = acc;
        }
        community = new int[n];
        popularity = new double[n];
        joinedAt = new long[n];
        tier = new int[n];
        activity = new double[n];
        sociability = new double[n];
        secondaryArea = new int[n];
        baseline = new double[n];
        long start = startEpoch();
        for (int u = 0; u < n; u++) {
            community[u] = pick(cumulative, rnd.nextDouble());
            // Pareto(alpha 1.3) popularity: a few users attract most follows
            popularity[u] = Math.pow(1 - rnd.nextDouble(), -1 / 1.3);
            joinedAt[u] = rnd.nextDouble() < 0.4
                    ? start - (long) (rnd.nextDouble() * 365 * 24 * 3600)
                    : start + (long) (rnd.nextDouble() * (p.weeks() - 4) * WEEK);
            tier[u] = pick(cumulativeOf(TIER_SHARE), rnd.nextDouble());
            activity[u] = Math.exp(rnd.nextGaussian() * 0.7);
            sociability[u] = Math.exp(rnd.nextGaussian() * 0.9);
            secondaryArea[u] = rnd.nextInt(areas);
            baseline[u] = Math.exp(rnd.nextGaussian() * 0.5);
        }
    }

    private void makeCourses() {
        int n = p.users();
        courseCount = Math.max(topicCount * 3 / 2, Math.min(20_000, n / 25));
        courseCreator = new int[courseCount];
        courseTier = new int[courseCount];
        courseQuality = new double[courseCount];
        courseTopics = new int[courseCount][];
        List<List<Integer>> byTopic = new ArrayList<>();
        for (int t = 0; t < topicCount; t++) {
            byTopic.add(new ArrayList<>());
        }
        // creators: the most popular users of each community, made more popular still
        int areas = areaCount();
        List<List<Integer>> creatorsByArea = new ArrayList<>();
        for (int a = 0; a < areas; a++) {
            creatorsByArea.add(new ArrayList<>());
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Double.compare(popularity[y], popularity[x]));
        int creators = Math.max(areas * 2, n / 50);
        for (int i = 0; i < creators; i++) {
            int u = order[i];
            creatorsByArea.get(community[u]).add(u);
            popularity[u] *= 5;
        }
        for (int a = 0; a < areas; a++) {
            if (creatorsByArea.get(a).isEmpty()) { // every area needs someone to teach it
                for (int u = 0; u < n; u++) {
                    if (community[u] == a) {
                        creatorsByArea.get(a).add(u);
                        break;
                    }
                }
            }
        }
        for (int c = 0; c < courseCount; c++) {
            int area = c % areas;
            List<Integer> pool = creatorsByArea.get(area).isEmpty() ? List.of(order[0]) : creatorsByArea.get(area);
            courseCreator[c] = pool.get(Math.min(pool.size() - 1, (int) (Math.pow(rnd.nextDouble(), 2) * pool.size())));
            int[] topics = areaTopics[area];
            int main = topics[rnd.nextInt(topics.length)];
            int k = 1 + rnd.nextInt(3);
            int[] covered = new int[k];
            covered[0] = main;
            int added = 1;
            for (int j = 1; j < k; j++) {
                int neighbour = topics[Math.max(0, Math.min(topics.length - 1,
                        main - area * topics.length + rnd.nextInt(5) - 2))];
                boolean dup = false;
                for (int x = 0; x < added; x++) {
                    dup |= covered[x] == neighbour;
                }
                if (!dup) {
                    covered[added++] = neighbour;
                }
            }
            courseTopics[c] = Arrays.copyOf(covered, added);
            for (int t : courseTopics[c]) {
                byTopic.get(t).add(c);
            }
            int level = topicLevel[main];
            int tierIdx = level <= 1 ? (rnd.nextDouble() < 0.7 ? 0 : 1)
                    : level <= 3 ? 1 + (rnd.nextDouble() < 0.4 ? 1 : 0)
                    : 2 + (rnd.nextDouble() < 0.3 ? 1 : 0);
            courseTier[c] = Math.min(tierIdx, TIER_SHARE.length - 1);
            courseQuality[c] = Math.min(0.98, Math.max(0.15, 0.6 + rnd.nextGaussian() * 0.15));
        }
        topicCourses = new int[topicCount][];
        for (int t = 0; t < topicCount; t++) {
            topicCourses[t] = byTopic.get(t).stream().mapToInt(Integer::intValue).toArray();
        }
    }

    private void makeFollows() {
        int n = p.users();
        int areas = areaCount();
        // cumulative popularity per community and overall, for preferential choice
        int[][] members = new int[areas][];
        double[][] cumulative = new double[areas][];
        for (int a = 0; a < areas; a++) {
            int count = 0;
            for (int u = 0; u < n; u++) {
                if (community[u] == a) {
                    count++;
                }
            }
            members[a] = new int[count];
            cumulative[a] = new double[count];
            int i = 0;
            double acc = 0;
            for (int u = 0; u < n; u++) {
                if (community[u] == a) {
                    members[a][i] = u;
                    acc += popularity[u];
                    cumulative[a][i++] = acc;
                }
            }
        }
        double[] all = new double[n];
        double acc = 0;
        for (int u = 0; u < n; u++) {
            acc += popularity[u];
            all[u] = acc;
        }
        following = new int[n][];
        for (int u = 0; u < n; u++) {
            int want = Math.min(n - 1, 1 + (int) (rnd.nextDouble() * 6 + sociability[u] * 5));
            int[] out = new int[want];
            int got = 0;
            for (int attempt = 0; attempt < want * 3 && got < want; attempt++) {
                int v;
                if (rnd.nextDouble() < 0.85 && members[community[u]].length > 1) {
                    double[] cum = cumulative[community[u]];
                    v = members[community[u]][pick(cum, rnd.nextDouble() * cum[cum.length - 1])];
                } else {
                    v = pick(all, rnd.nextDouble() * all[n - 1]);
                }
                if (v == u || contains(out, got, v)) {
                    continue;
                }
                out[got++] = v;
            }
            following[u] = Arrays.copyOf(out, got);
        }
    }

    private void writeStatic(Path dir) throws IOException {
        try (BufferedWriter w = writer(dir, "topics.csv")) {
            w.write("topic_id,name,area\n");
            for (int t = 0; t < topicCount; t++) {
                int indexInArea = t - topicArea[t] * areaTopics[0].length;
                w.write("t" + t + "," + AREAS[topicArea[t]] + " " + LEVELS[topicLevel[t]] + " " + (indexInArea + 1)
                        + "," + AREAS[topicArea[t]] + "\n");
            }
        }
        try (BufferedWriter w = writer(dir, "topic_prerequisites.csv")) {
            w.write("topic_id,requires_topic_id\n");
            for (int t = 0; t < topicCount; t++) {
                for (int r : topicRequires[t]) {
                    w.write("t" + t + ",t" + r + "\n");
                }
            }
        }
        try (BufferedWriter w = writer(dir, "courses.csv")) {
            w.write("course_id,title,creator_id,tier,price,published_at\n");
            for (int c = 0; c < courseCount; c++) {
                int main = courseTopics[c][0];
                double price = TIER_PRICE[courseTier[c]] == 0 ? 0
                        : Math.round(TIER_PRICE[courseTier[c]] * (0.6 + rnd.nextDouble() * 0.8));
                long published = startEpoch() - (long) (rnd.nextDouble() * 200 * 24 * 3600);
                w.write("c" + c + "," + AREAS[topicArea[main]] + " " + LEVELS[topicLevel[main]] + " course " + c
                        + ",u" + courseCreator[c] + "," + tiers[courseTier[c]] + "," + (long) price + ","
                        + day(published) + "\n");
            }
        }
        try (BufferedWriter w = writer(dir, "course_topics.csv")) {
            w.write("course_id,topic_id,weight\n");
            for (int c = 0; c < courseCount; c++) {
                for (int i = 0; i < courseTopics[c].length; i++) {
                    w.write("c" + c + ",t" + courseTopics[c][i] + "," + (i == 0 ? "1.0" : "0.5") + "\n");
                }
            }
        }
        try (BufferedWriter w = writer(dir, "follows.csv")) {
            w.write("follower_id,followee_id,at\n");
            for (int u = 0; u < following.length; u++) {
                for (int v : following[u]) {
                    long at = Math.max(joinedAt[u], joinedAt[v]) + (long) (rnd.nextDouble() * 21 * 24 * 3600);
                    w.write("u" + u + ",u" + v + "," + instant(at) + "\n");
                }
            }
        }
    }

    // ---------------------------------------------------------------- behaviour over time

    private Summary simulate(Path dir, long t0) throws IOException {
        int n = p.users();
        long start = startEpoch();
        double[] motivation = baseline.clone();
        long[] churnedAt = new long[n];
        Arrays.fill(churnedAt, -1);
        boolean[][] topicDone = new boolean[n][];
        int[] inProgress = new int[n];
        Arrays.fill(inProgress, -1);
        int[] progressSteps = new int[n];
        boolean[] enrolledAny = new boolean[n];
        long social = 0;
        long learning = 0;
        int churned = 0;
        // track enrolments to avoid enrolling in the same course twice
        java.util.BitSet[] enrolled = new java.util.BitSet[n];

        // reverse follow lists let a departure be felt by followers
        int[] departedFollowees = new int[n];
        long[] breakUntil = m.breakChance() > 0 ? new long[n] : null;
        int[] fadeLeft = m.fadeWeeks() > 0 ? new int[n] : null;
        double[] fade = m.fadeWeeks() > 0 ? new double[n] : null;
        if (fade != null) {
            Arrays.fill(fade, 1);
        }
        if (m.contactShare() > 0) {
            recentCourse = new int[n * RECENT_PER_USER];
            recentAt = new long[n * RECENT_PER_USER];
            Arrays.fill(recentCourse, -1);
        }
        if (m.popularShare() > 0) {
            recentGlobal = new int[Math.max(500, n / 4)];
            recentGlobalCount = new int[courseCount];
        }
        if (m.branchFocus() > 0) {
            lastTopic = new int[n];
            Arrays.fill(lastTopic, -1);
        }

        try (BufferedWriter users = writer(dir, "users.csv");
             BufferedWriter learn = p.learningFile() ? writer(dir, "learning.csv")
                     : new BufferedWriter(java.io.Writer.nullWriter());
             BufferedWriter soc = writer(dir, "social.csv");
             BufferedWriter mem = writer(dir, "memberships.csv")) {
            users.write("user_id,name,tier,joined_at,country\n");
            learn.write("user_id,course_id,type,at,value\n");
            soc.write("from_user_id,to_user_id,type,at,course_id\n");
            mem.write("user_id,tier,at\n");
            for (int u = 0; u < n; u++) {
                users.write("u" + u + "," + name(u) + "," + tiers[tier[u]] + "," + instant(joinedAt[u]) + ","
                        + COUNTRIES[rnd.nextInt(COUNTRIES.length)] + "\n");
                if (tier[u] > 0) {
                    mem.write("u" + u + "," + tiers[tier[u]] + "," + instant(Math.max(joinedAt[u], start - WEEK)) + "\n");
                    membershipRows++;
                }
            }
            for (int week = 0; week < p.weeks(); week++) {
                long weekStart = start + week * WEEK;
                for (int u = 0; u < n; u++) {
                    if (churnedAt[u] >= 0 || joinedAt[u] > weekStart + WEEK) {
                        continue;
                    }
                    long from = Math.max(weekStart, joinedAt[u]);
                    if (breakUntil != null) {
                        if (weekStart < breakUntil[u]) {
                            continue; // away for a while, coming back
                        }
                        if (mech.nextDouble() < m.breakChance()) {
                            breakUntil[u] = weekStart + (5 + mech.nextInt(8)) * WEEK;
                            continue;
                        }
                    }
                    // motivation wanders around the user's own baseline and drifts down a little;
                    // falling motivation means fewer events, and a higher hazard of leaving
                    double logM = Math.log(motivation[u]);
                    logM += 0.15 * (Math.log(baseline[u]) - logM) + rnd.nextGaussian() * 0.2 - 0.02;
                    motivation[u] = Math.min(2.5, Math.exp(logM));
                    int follows = following[u].length;
                    double leftShare = follows == 0 ? 0 : (double) departedFollowees[u] / follows;
                    double hazard = 0.002 + m.decay() * 0.05 * Math.max(0, 0.6 - motivation[u])
                            + m.contagion() * 0.08 * leftShare
                            + (enrolledAny[u] || weekStart - joinedAt[u] < 4 * WEEK ? 0 : 0.004);
                    boolean leaves;
                    if (fadeLeft != null && fadeLeft[u] > 0) {
                        // fading out: half as active each week, then gone
                        leaves = --fadeLeft[u] == 0;
                        fade[u] *= 0.5;
                    } else {
                        leaves = rnd.nextDouble() < Math.min(0.6, hazard);
                        if (leaves && fadeLeft != null) {
                            fadeLeft[u] = 1 + mech.nextInt(m.fadeWeeks());
                            fade[u] = 0.5;
                            leaves = false;
                        }
                    }
                    if (leaves) {
                        churnedAt[u] = from + (long) (rnd.nextDouble() * WEEK / 2);
                        churned++;
                        if (tier[u] > 0 && rnd.nextDouble() < 0.5) {
                            tier[u] = 0;
                            mem.write("u" + u + "," + tiers[0] + "," + instant(churnedAt[u]) + "\n");
                            membershipRows++;
                        }
                        continue;
                    }
                    double engaged = fade == null ? motivation[u] : motivation[u] * fade[u];
                    int sessions = poisson(activity[u] * engaged * 1.6);
                    for (int s = 0; s < sessions; s++) {
                        long at = from + (long) (rnd.nextDouble() * (weekStart + WEEK - from));
                        if (topicDone[u] == null) {
                            topicDone[u] = new boolean[topicCount];
                            enrolled[u] = new java.util.BitSet(courseCount);
                        }
                        learning += learningSession(u, at, topicDone[u], enrolled[u], inProgress, progressSteps,
                                learn, mem);
                        enrolledAny[u] |= inProgress[u] >= 0 || enrolled[u].cardinality() > 0;
                    }
                    int interactions = poisson(sociability[u] * engaged * 0.9);
                    for (int i = 0; i < interactions && follows > 0; i++) {
                        int v = following[u][rnd.nextInt(follows)];
                        if (churnedAt[v] >= 0 && rnd.nextDouble() < 0.8) {
                            continue;
                        }
                        long at = from + (long) (rnd.nextDouble() * (weekStart + WEEK - from));
                        String type = SOCIAL_TYPES[pick(cumulativeOf(SOCIAL_SHARE), rnd.nextDouble())];
                        String course = "";
                        if ((type.equals("comment") || type.equals("answer")) && inProgress[u] >= 0
                                && courseCreator[inProgress[u]] == v) {
                            course = "c" + inProgress[u];
                        }
                        soc.write("u" + u + ",u" + v + "," + type + "," + instant(at) + "," + course + "\n");
                        social++;
                    }
                }
                // departures of this week reach the followers next week
                for (int u = 0; u < n; u++) {
                    if (churnedAt[u] >= weekStart && churnedAt[u] < weekStart + WEEK) {
                        for (int f : followersOf(u)) {
                            departedFollowees[f]++;
                        }
                    }
                }
            }
        }
        try (BufferedWriter truth = writer(dir, "planted_truth.csv")) {
            truth.write("user_id,community,churned_at,creator\n");
            boolean[] creator = new boolean[n];
            for (int c = 0; c < courseCount; c++) {
                creator[courseCreator[c]] = true;
            }
            for (int u = 0; u < n; u++) {
                truth.write("u" + u + "," + community[u] + "," + (churnedAt[u] >= 0 ? instant(churnedAt[u]) : "")
                        + "," + creator[u] + "\n");
            }
        }
        long follows = Arrays.stream(following).mapToLong(f -> f.length).sum();
        return new Summary(n, topicCount, courseCount, follows, social, learning, membershipRows, churned,
                (System.nanoTime() - t0) / 1e9);
    }

    /** One learning session: continue the course in progress, or look for a new one. */
    private int learningSession(int u, long at, boolean[] done, java.util.BitSet enrolled, int[] inProgress,
                                int[] steps, BufferedWriter learn, BufferedWriter mem) throws IOException {
        int events = 0;
        int current = inProgress[u];
        if (current >= 0) {
            learn.write("u" + u + ",c" + current + ",progress," + instant(at) + "," + (300 + rnd.nextInt(3300)) + "\n");
            events++;
            steps[u]++;
            if (rnd.nextDouble() < courseQuality[current] * 0.45 * Math.min(1, steps[u] / 2.0)) {
                long doneAt = at + 600 + rnd.nextInt(3000);
                learn.write("u" + u + ",c" + current + ",complete," + instant(doneAt) + ",\n");
                events++;
                for (int t : courseTopics[current]) {
                    done[t] = true;
                }
                if (lastTopic != null) {
                    lastTopic[u] = courseTopics[current][0];
                }
                if (rnd.nextDouble() < 0.6) {
                    int stars = (int) Math.round(Math.max(1, Math.min(5, 1 + courseQuality[current] * 4.4
                            + rnd.nextGaussian() * 0.6)));
                    learn.write("u" + u + ",c" + current + ",rate," + instant(doneAt + 60) + "," + stars + "\n");
                    events++;
                }
                inProgress[u] = -1;
                steps[u] = 0;
            } else if (rnd.nextDouble() < 0.06) {
                inProgress[u] = -1; // abandoned
                steps[u] = 0;
            }
            return events;
        }
        int course = chooseNext(u, at, done, enrolled);
        if (course < 0) {
            return 0;
        }
        learn.write("u" + u + ",c" + course + ",view," + instant(at) + "," + (30 + rnd.nextInt(570)) + "\n");
        events++;
        if (rnd.nextDouble() > 0.35 + 0.4 * courseQuality[course]) {
            return events;
        }
        if (m.tiersEnforced() && courseTier[course] > tier[u]) {
            if (rnd.nextDouble() < 0.12) { // gated: some upgrade to get in
                tier[u] = courseTier[course];
                mem.write("u" + u + "," + tiers[tier[u]] + "," + instant(at + 30) + "\n");
                membershipRows++;
            } else {
                return events;
            }
        }
        long enrollAt = at + 60;
        learn.write("u" + u + ",c" + course + ",enroll," + instant(enrollAt) + ",\n");
        events++;
        if (courseTier[course] > 0) {
            double price = TIER_PRICE[courseTier[course]];
            learn.write("u" + u + ",c" + course + ",purchase," + instant(enrollAt + 5) + "," + (long) price + "\n");
            events++;
        }
        enrolled.set(course);
        remember(u, course, enrollAt);
        inProgress[u] = course;
        steps[u] = 0;
        return events;
    }

    /**
     * The next course a user looks at: by the mix of mechanisms, one a contact just enrolled in,
     * one drawn by recent enrolments platform-wide, or one on the prerequisite frontier (along the
     * branch of their latest completed topic, or anywhere in their area); the frontier is the
     * fallback when the first choice finds nothing new.
     */
    private int chooseNext(int u, long at, boolean[] done, java.util.BitSet enrolled) {
        double total = m.prerequisiteShare() + m.contactShare() + m.popularShare();
        if (m.contactShare() > 0 || m.popularShare() > 0) {
            double x = mech.nextDouble() * total;
            int c = -1;
            if (x < m.contactShare()) {
                c = fromContacts(u, at, enrolled);
            } else if (x < m.contactShare() + m.popularShare()) {
                c = fromPopular(enrolled);
            }
            if (c >= 0) {
                return c;
            }
        }
        if (lastTopic != null && lastTopic[u] >= 0 && mech.nextDouble() < m.branchFocus()) {
            int c = chooseCourse(topicRequiredBy[lastTopic[u]], done, enrolled);
            if (c >= 0) {
                return c;
            }
        }
        int area = rnd.nextDouble() < 0.8 ? community[u] % areaTopics.length : secondaryArea[u];
        return chooseCourse(areaTopics[area], done, enrolled);
    }

    /** A course someone {@code u} follows enrolled in within the last 30 days and {@code u} has not. */
    private int fromContacts(int u, long at, java.util.BitSet enrolled) {
        int[] eligible = new int[following[u].length * RECENT_PER_USER];
        int f = 0;
        for (int v : following[u]) {
            for (int j = v * RECENT_PER_USER; j < (v + 1) * RECENT_PER_USER; j++) {
                int c = recentCourse[j];
                if (c >= 0 && recentAt[j] <= at && recentAt[j] > at - CONTACT_WINDOW && !enrolled.get(c)) {
                    eligible[f++] = c;
                }
            }
        }
        return f == 0 ? -1 : eligible[mech.nextInt(f)];
    }

    /**
     * A best-seller: the most enrolled-in recently of three courses drawn in proportion to their
     * recent enrolments (a preference stronger than proportional, so a few courses dominate).
     */
    private int fromPopular(java.util.BitSet enrolled) {
        int filled = (int) Math.min(globalCount, recentGlobal.length);
        int best = -1;
        for (int attempt = 0; attempt < 3 && filled > 0; attempt++) {
            int c = recentGlobal[mech.nextInt(filled)];
            if (!enrolled.get(c) && (best < 0 || recentGlobalCount[c] > recentGlobalCount[best])) {
                best = c;
            }
        }
        return best;
    }

    private void remember(int u, int course, long at) {
        if (recentCourse != null) {
            int base = u * RECENT_PER_USER;
            System.arraycopy(recentCourse, base, recentCourse, base + 1, RECENT_PER_USER - 1);
            System.arraycopy(recentAt, base, recentAt, base + 1, RECENT_PER_USER - 1);
            recentCourse[base] = course;
            recentAt[base] = at;
        }
        if (recentGlobal != null) {
            int slot = (int) (globalCount++ % recentGlobal.length);
            if (globalCount > recentGlobal.length) {
                recentGlobalCount[recentGlobal[slot]]--;
            }
            recentGlobal[slot] = course;
            recentGlobalCount[course]++;
        }
    }

    /** A course on a frontier topic among {@code topics} (prerequisites done, topic not yet done). */
    private int chooseCourse(int[] topics, boolean[] done, java.util.BitSet enrolled) {
        int[] frontier = new int[topics.length];
        int f = 0;
        for (int t : topics) {
            if (done[t]) {
                continue;
            }
            boolean ready = true;
            for (int r : topicRequires[t]) {
                ready &= done[r];
            }
            // a few learners skip ahead, which is what makes "prerequisites met" informative
            if (ready || rnd.nextDouble() < m.skipAhead()) {
                frontier[f++] = t;
            }
        }
        for (int attempt = 0; attempt < 4 && f > 0; attempt++) {
            int t = frontier[rnd.nextInt(f)];
            int[] courses = topicCourses[t];
            if (courses.length == 0) {
                continue;
            }
            // prefer good courses by popular creators: best of two draws
            int a = courses[rnd.nextInt(courses.length)];
            int b = courses[rnd.nextInt(courses.length)];
            int c = score(a) >= score(b) ? a : b;
            if (!enrolled.get(c)) {
                return c;
            }
        }
        return -1;
    }

    private double score(int course) {
        return courseQuality[course] * Math.log(1 + popularity[courseCreator[course]]);
    }

    private int[][] followers;

    private int[] followersOf(int u) {
        if (followers == null) {
            int[] counts = new int[p.users()];
            for (int[] out : following) {
                for (int v : out) {
                    counts[v]++;
                }
            }
            followers = new int[p.users()][];
            for (int v = 0; v < counts.length; v++) {
                followers[v] = new int[counts[v]];
            }
            int[] fill = new int[p.users()];
            for (int u2 = 0; u2 < following.length; u2++) {
                for (int v : following[u2]) {
                    followers[v][fill[v]++] = u2;
                }
            }
        }
        return followers[u];
    }

    // ---------------------------------------------------------------- helpers

    private static final String[] COUNTRIES = {"US", "IN", "BR", "DE", "GB", "FR", "CN", "JP", "NG", "MX", "ES", "CA"};

    private String name(int u) {
        StringBuilder sb = new StringBuilder();
        int parts = 2 + (u % 2);
        for (int i = 0; i < parts; i++) {
            sb.append(SYLLABLES[rnd.nextInt(SYLLABLES.length)]);
        }
        sb.setCharAt(0, Character.toUpperCase(sb.charAt(0)));
        return sb.append(' ').append((char) ('A' + rnd.nextInt(26))).append('.').toString();
    }

    private int poisson(double mean) {
        double l = Math.exp(-Math.min(mean, 30));
        int k = 0;
        double prod = rnd.nextDouble();
        while (prod > l) {
            k++;
            prod *= rnd.nextDouble();
        }
        return k;
    }

    private long startEpoch() {
        return p.start().atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    }

    private static double[] cumulativeOf(double[] shares) {
        double[] c = new double[shares.length];
        double acc = 0;
        for (int i = 0; i < shares.length; i++) {
            acc += shares[i];
            c[i] = acc;
        }
        c[c.length - 1] = Double.MAX_VALUE;
        return c;
    }

    /** Index of the first cumulative value above x (binary search). */
    private static int pick(double[] cumulative, double x) {
        int i = Arrays.binarySearch(cumulative, x);
        i = i < 0 ? -i - 1 : i + 1;
        return Math.min(i, cumulative.length - 1);
    }

    private static boolean contains(int[] values, int size, int v) {
        for (int i = 0; i < size; i++) {
            if (values[i] == v) {
                return true;
            }
        }
        return false;
    }

    private static String instant(long epochSecond) {
        return Instant.ofEpochSecond(epochSecond).toString();
    }

    private static String day(long epochSecond) {
        return Instant.ofEpochSecond(epochSecond).atZone(ZoneOffset.UTC).toLocalDate().toString();
    }

    private static BufferedWriter writer(Path dir, String file) throws IOException {
        return new BufferedWriter(Files.newBufferedWriter(dir.resolve(file), StandardCharsets.UTF_8), 1 << 16);
    }
}
