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
 * {@code eval recommendations} and {@code eval churn} end to end, in a child JVM as a user runs
 * them: on a small demo platform with planted communities and prerequisites the blend must beat
 * most-popular; on generated presets every system is scored side by side.
 */
class EvalIT {

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

    /**
     * Churn on generated presets is judged against their planted departures: every model and the
     * outside-style baseline on both labels, the proxy label's agreement with leaving, the goals.
     */
    @Test
    void churnOnPresetsIsJudgedAgainstPlantedDepartures() throws Exception {
        Run r = run("eval", "churn", "--presets", "mixed", "--users", "800", "--seeds", "3");
        assertEquals(0, r.exit(), r.out());
        Map<String, Double> auc = new HashMap<>();
        for (String line : r.out().split("\n")) {
            String[] cells = line.split("\\|");
            if (cells.length == 5 && !cells[2].isBlank() && Character.isDigit(cells[2].strip().charAt(0))) {
                auc.put(cells[1].strip(), Double.parseDouble(cells[2].strip()));
            }
        }
        for (String label : List.of("quiet 30 days", "gone 90 days")) {
            for (String system : List.of("product, label ", "product without graph features, label ",
                    "baseline: six features, label ", "baseline: four features (no graph), label ")) {
                double v = auc.getOrDefault(system + label, Double.NaN);
                assertTrue(v > 0.3 && v < 1, system + label + ": " + v + "\n" + r.out());
            }
        }
        double caught = auc.get("proxy label 'quiet 30 days': share of real leavers it marks");
        assertTrue(caught < 0.9, "leavers active before they go are not 'quiet': " + caught);
        assertTrue(r.out().lines().filter(l -> l.startsWith("| mixed | ")).count() == 2, r.out());
    }
}
