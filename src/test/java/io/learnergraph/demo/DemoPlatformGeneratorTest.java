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
