package io.learnergraph.service;

import io.learnergraph.analysis.graph.GraphSnapshot;
import io.learnergraph.demo.DemoPlatformGenerator;
import io.learnergraph.ingest.GraphImporter;
import io.learnergraph.ingest.ImportProgress;
import io.learnergraph.store.Neo4jStore;
import io.learnergraph.support.GraphTestSupport;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every computation reads one snapshot from its first line to its answer. Users are erased one
 * after another in the background (each erasure shifts the dense ids of the users after it) and
 * the graph reloaded, while write-backs, community profiles, churn-free analytics and
 * recommendations run: every written score must be the score of its user in the snapshot the
 * write-back pinned, and every answer must name users of the snapshot it names.
 */
@MicronautTest(startApplication = false)
class PinnedSnapshotIT extends GraphTestSupport {

    @Inject
    GraphImporter importer;
    @Inject
    AnalyticsService analytics;
    @Inject
    WriteBackService writeBack;
    @Inject
    RecommendationService recommendations;
    @Inject
    SnapshotService snapshots;
    @Inject
    PrivacyService privacy;
    @Inject
    Neo4jStore store;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>(super.getProperties());
        p.put("learnergraph.analytics.write-back-on-refresh", "false"); // only this test writes scores
        return p;
    }

    @BeforeAll
    void load() {
        Path dir = newTempDir("pinned");
        new DemoPlatformGenerator(DemoPlatformGenerator.Parameters.of(300, 4), List.of("free", "basic", "premium", "vip"))
                .writeTo(dir);
        importer.importDirectory(dir, ImportProgress.NONE);
    }

    @Test
    void answersAndWrittenScoresBelongToTheSnapshotTheyName() throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger erased = new AtomicInteger();
        Thread churn = new Thread(() -> {
            int next = 10;
            while (running.get()) {
                privacy.deleteUser("u" + next);
                next += 7;
                erased.incrementAndGet();
                snapshots.refresh();
            }
        });
        churn.start();
        Random random = new Random(3);
        int checks = 0;
        try {
            long end = System.nanoTime() + 12_000_000_000L;
            while (System.nanoTime() < end || checks < 3) {
                GraphSnapshot s = analytics.snapshot();
                WriteBackService.Report report = writeBack.writeBack(s, p -> { });
                assertEquals(s.version(), report.version());
                double[] pagerank = analytics.centrality(s, CentralityMeasure.PAGERANK, new int[0]).scores();
                int[] community = analytics.defaultCommunities(s).result().partition().community();
                List<String> sample = new ArrayList<>();
                for (int i = 0; i < 25; i++) {
                    sample.add(s.users().ids()[random.nextInt(s.users().count())]);
                }
                Map<String, double[]> written = new HashMap<>();
                store.inRead(tx -> tx.run("MATCH (u:User) WHERE u.id IN $ids RETURN u.id AS id, u.pagerank AS pr, "
                        + "u.communityId AS c", Map.of("ids", sample)).list(r -> written.put(r.get("id").asString(),
                        new double[]{r.get("pr").asDouble(), r.get("c").asInt()})));
                for (String id : sample) {
                    if (written.containsKey(id)) { // erased since by the background thread, or not
                        int u = s.users().indexOf(id).orElseThrow();
                        assertEquals(pagerank[u], written.get(id)[0], 1e-12, "pagerank of " + id + " in v" + s.version());
                        assertEquals(community[u], (int) written.get(id)[1], "community of " + id);
                    }
                }
                RecommendationService.Answer a = recommendations.recommend(sample.get(0), RecommendationService.Options
                        .defaults());
                GraphSnapshot named = a.snapshot();
                assertEquals(sample.get(0), named.users().ids()[a.recommendations().user()],
                        "the answer's dense user id is its own snapshot's");
                a.recommendations().items().forEach(item -> assertTrue(item.course() < named.courses().count()));
                AnalyticsService.CommunityRun run = analytics.defaultCommunities(s);
                assertEquals(s.version(), run.version());
                run.profiles().communities().forEach(p -> p.topInfluencers().forEach(inf ->
                        assertTrue(inf.user() < s.users().count())));
                checks++;
            }
        } finally {
            running.set(false);
            churn.join();
        }
        assertTrue(erased.get() >= 2, "the ids must have shifted under the checks: " + erased.get() + " erasures");
    }
}
