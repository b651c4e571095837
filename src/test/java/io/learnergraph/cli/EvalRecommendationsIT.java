package io.learnergraph.cli;

import io.learnergraph.demo.DemoPlatformGenerator;
import io.learnergraph.support.GraphTestSupport;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code eval recommendations} end to end on a small demo platform with planted communities and
 * prerequisites, in a child JVM as a user would run it: the blend must beat most-popular.
 */
class EvalRecommendationsIT {

    private record Run(int exit, String out) {
    }

    private static Run run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.learnergraph.cli.LearnerGraphCli"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(p.waitFor(), out);
    }

    /** system → {recall, ndcg} from the printed table. */
    private static Map<String, double[]> table(String out) {
        Map<String, double[]> rows = new HashMap<>();
        for (String line : out.split("\n")) {
            String[] cells = line.split("\\|");
            if (cells.length == 7 && !cells[1].isBlank() && Character.isDigit(cells[3].strip().charAt(0))) {
                rows.put(cells[1].strip(), new double[]{Double.parseDouble(cells[3].strip()),
                        Double.parseDouble(cells[4].strip())});
            }
        }
        return rows;
    }

    @Test
    void blendBeatsMostPopularOnAPlantedPlatform() throws Exception {
        Path dir = GraphTestSupport.newTempDir("eval-demo");
        new DemoPlatformGenerator(DemoPlatformGenerator.Parameters.of(400, 3), List.of("free", "basic", "premium", "vip"))
                .writeTo(dir);
        Run r = run("eval", "recommendations", dir.toString(), "--cutoff", "2026-09-01", "--k", "10",
                "--data-dir", GraphTestSupport.newTempDir("eval-db").resolve("db").toString());
        assertEquals(0, r.exit(), r.out());
        Map<String, double[]> t = table(r.out());
        assertTrue(t.containsKey("configured blend") && t.containsKey("baseline: most-popular")
                && t.containsKey("baseline: item-KNN (cosine)")
                && t.containsKey("baseline: prerequisites and contacts (outside-style)"), r.out());
        double[] blend = t.get("configured blend");
        double[] popular = t.get("baseline: most-popular");
        assertTrue(blend[0] > popular[0] && blend[1] > popular[1],
                "blend recall/ndcg " + blend[0] + "/" + blend[1] + " vs popular " + popular[0] + "/" + popular[1]);
        assertTrue(blend[0] > 0.2, "blend Recall@10 " + blend[0]);
        // what the product learns from the history before the cutoff is scored beside it
        assertTrue(t.containsKey("blend as served (fitted on its own history)"), r.out());
        assertTrue(t.containsKey("blend, weights fitted on its own history")
                || r.out().contains("nothing fitted on the history before the cutoff"), r.out());
    }

    /** Every preset named is generated, imported and scored, side by side with the goals per preset. */
    @Test
    void presetsAreScoredSideBySide() throws Exception {
        Run r = run("eval", "recommendations", "--presets", "demo,social", "--users", "300", "--seeds", "1");
        assertEquals(0, r.exit(), r.out());
        assertTrue(r.out().contains("| system | demo | social | mean | range |"), r.out());
        long rows = r.out().lines().filter(l -> l.startsWith("| baseline: ") || l.startsWith("| source alone: ")
                || l.startsWith("| configured blend |") || l.startsWith("| blend as served")).count();
        assertEquals(8, rows, "three baselines, three sources, configured, as served: " + r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("| demo | ")) && r.out().lines()
                .anyMatch(l -> l.startsWith("| social | ")), r.out());
        Run bad = run("eval", "recommendations", "--presets", "demo,shop");
        assertEquals(2, bad.exit(), bad.out());
        assertTrue(bad.out().contains("unknown preset 'shop'"), bad.out());
    }

    @Test
    void anUnparsableCutoffIsAOneLineErrorNamingIt() throws Exception {
        Run r = run("eval", "recommendations", GraphTestSupport.sampleDir().toString(), "--cutoff", "last tuesday");
        assertEquals(2, r.exit(), r.out());
        assertTrue(r.out().contains("--cutoff") && r.out().contains("last tuesday"), r.out());
        Run late = run("eval", "recommendations", GraphTestSupport.sampleDir().toString(), "--cutoff", "2030-01-01");
        assertEquals(2, late.exit(), late.out());
        assertTrue(late.out().contains("nothing to score against"), late.out());
    }
}
