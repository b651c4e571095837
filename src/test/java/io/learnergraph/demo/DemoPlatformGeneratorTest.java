package io.learnergraph.demo;

import io.learnergraph.ingest.CsvReader;
import io.learnergraph.support.GraphTestSupport;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DemoPlatformGeneratorTest {

    private static final List<String> TIERS = List.of("free", "basic", "premium", "vip");
    private static final List<String> FILES = List.of("users.csv", "topics.csv", "courses.csv", "course_topics.csv",
            "topic_prerequisites.csv", "follows.csv", "social.csv", "learning.csv", "memberships.csv",
            "planted_truth.csv");

    private static Path generate(int users, long seed) {
        Path dir = GraphTestSupport.newTempDir("demo");
        new DemoPlatformGenerator(DemoPlatformGenerator.Parameters.of(users, seed), TIERS).writeTo(dir);
        return dir;
    }

    @Test
    void theSameSeedGivesTheSameFilesAndAnotherSeedDoesNot() throws IOException {
        Path a = generate(500, 11);
        Path b = generate(500, 11);
        Path c = generate(500, 12);
        for (String f : FILES) {
            assertEquals(Files.readString(a.resolve(f)), Files.readString(b.resolve(f)), f);
        }
        assertNotEquals(Files.readString(a.resolve("learning.csv")), Files.readString(c.resolve("learning.csv")));
    }

    /**
     * The demo preset is the generator as it was before mechanisms and presets existed (commit
     * cde854b): the same 3,000-user, seed-42 platform, file for file (SHA-256 of that commit's
     * output), so every figure measured on the demo still describes it. HotSpot's Math.exp/log are
     * the same on every x86-64 machine; another architecture could differ in a last bit.
     */
    @Test
    void theDemoPresetWritesWhatTheGeneratorWroteBeforePresets() throws Exception {
        Path dir = generate(3000, 42, "demo");
        Map<String, String> expected = Map.of(
                "course_topics.csv", "f796b181517931edd3a0fb5fd0e11ce7a5a7b585c27cabbf8919164702880eb9",
                "courses.csv", "f735f2c8e820f7bf4ed8a7832a0a3703040ea6c34076471bffd18d939bd21638",
                "follows.csv", "2e195ef300ac003eb1209546d0d1b823f6594ea1e0b0828cf5b18c360c011808",
                "learning.csv", "dc65a31caab260b6bc1c6a73da60ca4873d54a9d84f3084e1b682c959543e59b",
                "memberships.csv", "39900e9a822b17ca370cce57cde8220924125d6f576dbd7cd1bf00849fbed437",
                "planted_truth.csv", "1db53fbec27a6a54278a475781f57c61b1b0fb39301ba2bdb61df9e74da088c2",
                "social.csv", "77d1303f9830752b9e26f718c8382453b9319da7867c2ce0e82f60f289a7891e",
                "topic_prerequisites.csv", "ddd584ac77ce2c18dac390d22125eaf260ff6ad718f3d242c544cb457b65a0c4",
                "topics.csv", "d45dc8c3619712d88ea7eceab2f274e17381aea320ae9b75575bec509afb4b4c",
                "users.csv", "ffb71ab303fc6b44855b2d31ef3a65de8fa9a807eb7b0d8c7ba0c966a97b091a");
        for (Map.Entry<String, String> e : expected.entrySet()) {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(
                    dir.resolve(e.getKey())));
            assertEquals(e.getValue(), java.util.HexFormat.of().formatHex(digest), e.getKey());
        }
    }

    @Test
    void followsMostlyStayInsidePlantedCommunitiesAndCreatorsAreFollowedHeavily() throws IOException {
        Path dir = generate(2000, 3);
        Map<String, String> community = new HashMap<>();
        Map<String, Boolean> creator = new HashMap<>();
        for (List<String> r : rows(dir.resolve("planted_truth.csv"))) {
            community.put(r.get(0), r.get(1));
            creator.put(r.get(0), Boolean.parseBoolean(r.get(3)));
        }
        List<List<String>> follows = rows(dir.resolve("follows.csv"));
        long inside = follows.stream().filter(f -> community.get(f.get(0)).equals(community.get(f.get(1)))).count();
        assertTrue(inside > 0.75 * follows.size(), "share inside communities: " + inside + "/" + follows.size());

        Map<String, Integer> followers = new HashMap<>();
        follows.forEach(f -> followers.merge(f.get(1), 1, Integer::sum));
        double creatorMean = mean(followers, creator, true);
        double othersMean = mean(followers, creator, false);
        assertTrue(creatorMean > 5 * othersMean, "creators " + creatorMean + " vs others " + othersMean);
    }

    @Test
    void someButNotAllUsersChurnAndNobodyActsAfterLeaving() throws IOException {
        Path dir = generate(1000, 5);
        Map<String, String> churnedAt = new HashMap<>();
        for (List<String> r : rows(dir.resolve("planted_truth.csv"))) {
            if (!r.get(2).isEmpty()) {
                churnedAt.put(r.get(0), r.get(2));
            }
        }
        assertTrue(churnedAt.size() > 100 && churnedAt.size() < 700, "churned: " + churnedAt.size());
        for (List<String> e : rows(dir.resolve("learning.csv"))) {
            String left = churnedAt.get(e.get(0));
            assertTrue(left == null || e.get(3).compareTo(left) < 0, "event after churn: " + e);
        }
    }

    private static Path generate(int users, long seed, String preset) {
        Path dir = GraphTestSupport.newTempDir("demo-" + preset);
        new DemoPlatformGenerator(DemoPlatformGenerator.Parameters.of(users, seed)
                .with(DemoPlatformGenerator.Mechanisms.preset(preset)), TIERS).writeTo(dir);
        return dir;
    }

    /**
     * Share of enrolments in a course someone the learner follows enrolled in during the 30 days
     * before: the contact mechanism. The demo plants none (its share comes from shared interests).
     */
    @Test
    void theSocialPresetDrivesEnrolmentsThroughContactsTheDemoDoesNot() throws IOException {
        double demo = contactShare(generate(1500, 2, "demo"));
        double social = contactShare(generate(1500, 2, "social"));
        assertTrue(demo < 0.25, "demo: " + demo);
        assertTrue(social > 0.4, "social: " + social);
    }

    @Test
    void thePopularPresetConcentratesEnrolmentsOnBestSellers() throws IOException {
        double demo = topDecileShare(generate(1500, 2, "demo"));
        double popular = topDecileShare(generate(1500, 2, "popular"));
        assertTrue(popular > demo + 0.15, "top tenth of courses: popular " + popular + " vs demo " + demo);
    }

    /** With breaks, users go quiet for five weeks or more and come back; in the demo few do. */
    @Test
    void breaksMakeQuietUsersWhoComeBack() throws IOException {
        int demo = returners(generate(1500, 2, "demo"));
        int mixed = returners(generate(1500, 2, "mixed"));
        assertTrue(mixed > 2 * demo + 50, "users back after 35+ quiet days: mixed " + mixed + ", demo " + demo);
    }

    @Test
    void presetsAreNamedAndCheckedAndTheDemoPresetIsTheDemo() {
        assertEquals(List.of("demo", "prerequisites", "social", "popular", "mixed"),
                List.copyOf(DemoPlatformGenerator.Mechanisms.PRESETS.keySet()));
        assertEquals(DemoPlatformGenerator.Mechanisms.DEMO, DemoPlatformGenerator.Parameters.of(100, 1).mechanisms());
        assertEquals(1.0, DemoPlatformGenerator.Mechanisms.DEMO.prerequisiteDriven());
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> DemoPlatformGenerator.Mechanisms.preset("shop"));
        assertTrue(e.getMessage().contains("unknown preset 'shop'") && e.getMessage().contains("mixed"), e.getMessage());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new DemoPlatformGenerator.Mechanisms(0, 0, 0, 0, 0, true, 1, 1, 0, 0));
    }

    private static double contactShare(Path dir) throws IOException {
        Map<String, List<String>> following = new HashMap<>();
        for (List<String> f : rows(dir.resolve("follows.csv"))) {
            following.computeIfAbsent(f.get(0), k -> new ArrayList<>()).add(f.get(1));
        }
        List<List<String>> enrolments = new ArrayList<>(rows(dir.resolve("learning.csv")).stream()
                .filter(r -> r.get(2).equals("enroll")).toList());
        enrolments.sort(java.util.Comparator.comparing(r -> r.get(3)));
        Map<String, Map<String, java.time.Instant>> enrolledAt = new HashMap<>();
        int driven = 0;
        for (List<String> e : enrolments) {
            java.time.Instant at = java.time.Instant.parse(e.get(3));
            boolean byContact = false;
            for (String v : following.getOrDefault(e.get(0), List.of())) {
                java.time.Instant theirs = enrolledAt.getOrDefault(v, Map.of()).get(e.get(1));
                byContact |= theirs != null && theirs.isAfter(at.minus(java.time.Duration.ofDays(30)));
            }
            driven += byContact ? 1 : 0;
            enrolledAt.computeIfAbsent(e.get(0), k -> new HashMap<>()).put(e.get(1), at);
        }
        return (double) driven / enrolments.size();
    }

    private static double topDecileShare(Path dir) throws IOException {
        Map<String, Integer> count = new HashMap<>();
        int total = 0;
        for (List<String> r : rows(dir.resolve("learning.csv"))) {
            if (r.get(2).equals("enroll")) {
                count.merge(r.get(1), 1, Integer::sum);
                total++;
            }
        }
        int courses = rows(dir.resolve("courses.csv")).size();
        int top = count.values().stream().sorted(java.util.Comparator.reverseOrder()).limit(courses / 10)
                .mapToInt(Integer::intValue).sum();
        return (double) top / total;
    }

    private static int returners(Path dir) throws IOException {
        Map<String, List<String>> times = new HashMap<>();
        for (String file : List.of("learning.csv", "social.csv")) {
            for (List<String> r : rows(dir.resolve(file))) {
                times.computeIfAbsent(r.get(0), k -> new ArrayList<>()).add(r.get(3));
            }
        }
        int back = 0;
        for (List<String> t : times.values()) {
            java.util.Collections.sort(t);
            for (int i = 1; i < t.size(); i++) {
                if (java.time.Duration.between(java.time.Instant.parse(t.get(i - 1)), java.time.Instant.parse(t.get(i)))
                        .toDays() >= 35) {
                    back++;
                    break;
                }
            }
        }
        return back;
    }

    private static double mean(Map<String, Integer> followers, Map<String, Boolean> creator, boolean creators) {
        return creator.entrySet().stream().filter(e -> e.getValue() == creators)
                .mapToInt(e -> followers.getOrDefault(e.getKey(), 0)).average().orElse(0);
    }

    static List<List<String>> rows(Path file) throws IOException {
        List<List<String>> out = new ArrayList<>();
        try (CsvReader r = new CsvReader(Files.newInputStream(file))) {
            r.next();
            for (CsvReader.CsvRecord rec = r.next(); rec != null; rec = r.next()) {
                out.add(rec.fields());
            }
        }
        return out;
    }
}
