package io.learnergraph.cli;

import io.learnergraph.LearnerGraphException;
import io.learnergraph.demo.DemoPlatformGenerator;
import io.learnergraph.demo.DemoPlatformGenerator.Mechanisms;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An evaluation on every generated preset side by side: each preset and seed is generated into a
 * work directory, scored by the caller (which imports it through the product), and deleted; the
 * report is one row per system with the mean over seeds per preset, the mean over presets and the
 * range of every (preset, seed) value — so a choice is judged by the average, with its spread.
 */
final class PresetReport {

    /** Scores one generated platform: system → value (higher is better). */
    interface Scorer {
        Map<String, Double> score(Path data, DemoPlatformGenerator.Parameters generated, Path work);
    }

    static final List<String> TIERS = List.of("free", "basic", "premium", "vip");

    private final int users;
    private final List<Long> seeds;
    private final String metric;

    PresetReport(int users, List<Long> seeds, String metric) {
        if (users < 50) {
            throw new LearnerGraphException.InvalidInput("--users", "--users must be at least 50, was " + users);
        }
        if (seeds == null || seeds.isEmpty()) {
            throw new LearnerGraphException.InvalidInput("--seeds", "--seeds must name at least one seed");
        }
        this.users = users;
        this.seeds = seeds;
        this.metric = metric;
    }

    /** {@code all}, or a comma-separated list of preset names (each checked). */
    static List<String> names(String spec) {
        if (spec.strip().equals("all")) {
            return new ArrayList<>(Mechanisms.PRESETS.keySet());
        }
        List<String> out = new ArrayList<>();
        for (String name : spec.split(",")) {
            String n = name.strip();
            if (!Mechanisms.PRESETS.containsKey(n)) {
                throw new LearnerGraphException.InvalidInput("--presets", "--presets: unknown preset '" + n
                        + "'; presets: all, " + String.join(", ", Mechanisms.PRESETS.keySet()));
            }
            out.add(n);
        }
        return out;
    }

    /** preset → system → value per seed, in the order scored. */
    Map<String, Map<String, double[]>> run(List<String> presets, Path dataDir, Scorer scorer) throws IOException {
        Path root = EvalDatabase.workDir(dataDir);
        Map<String, Map<String, double[]>> values = new LinkedHashMap<>();
        try {
            for (String preset : presets) {
                Map<String, double[]> bySystem = new LinkedHashMap<>();
                for (int i = 0; i < seeds.size(); i++) {
                    long seed = seeds.get(i);
                    Path work = root.resolve(preset + "-" + seed);
                    DemoPlatformGenerator.Parameters g = DemoPlatformGenerator.Parameters.of(users, seed)
                            .with(Mechanisms.preset(preset));
                    DemoPlatformGenerator.Summary s = new DemoPlatformGenerator(g, TIERS).writeTo(work.resolve("data"));
                    System.out.printf(Locale.ROOT, "%n=== preset %s, seed %d: %,d users, %,d courses, %,d learning "
                            + "events, %,d churned ===%n", preset, seed, s.users(), s.courses(), s.learning(), s.churned());
                    Map<String, Double> scored = scorer.score(work.resolve("data"), g, work.resolve("run"));
                    for (Map.Entry<String, Double> e : scored.entrySet()) {
                        double[] v = bySystem.computeIfAbsent(e.getKey(), x -> filled(seeds.size()));
                        v[i] = e.getValue();
                    }
                    EvalDatabase.deleteRecursively(work);
                }
                values.put(preset, bySystem);
            }
        } finally {
            if (dataDir == null) {
                EvalDatabase.deleteRecursively(root);
            }
        }
        print(values);
        return values;
    }

    private static double[] filled(int n) {
        double[] v = new double[n];
        Arrays.fill(v, Double.NaN);
        return v;
    }

    private void print(Map<String, Map<String, double[]>> values) {
        List<String> presets = new ArrayList<>(values.keySet());
        List<String> systems = new ArrayList<>();
        values.values().forEach(m -> m.keySet().stream().filter(s -> !systems.contains(s)).forEach(systems::add));
        System.out.printf(Locale.ROOT, "%n%s, %,d users, seeds %s (mean over seeds; last columns: mean over presets, "
                + "range over every preset and seed)%n%n", metric, users, seeds);
        StringBuilder head = new StringBuilder("| system |");
        StringBuilder rule = new StringBuilder("|---|");
        for (String p : presets) {
            head.append(' ').append(p).append(" |");
            rule.append("---:|");
        }
        System.out.println(head.append(" mean | range |"));
        System.out.println(rule.append("---:|---:|"));
        for (String system : systems) {
            StringBuilder row = new StringBuilder("| ").append(system).append(" |");
            double sum = 0;
            int n = 0;
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (String p : presets) {
                double[] v = values.get(p).get(system);
                double m = mean(v);
                row.append(Double.isNaN(m) ? " – |" : String.format(Locale.ROOT, " %.4f |", m));
                if (!Double.isNaN(m)) {
                    sum += m;
                    n++;
                    for (double x : v) {
                        if (!Double.isNaN(x)) {
                            lo = Math.min(lo, x);
                            hi = Math.max(hi, x);
                        }
                    }
                }
            }
            row.append(n == 0 ? " – | – |" : String.format(Locale.ROOT, " %.4f | %.4f–%.4f |", sum / n, lo, hi));
            System.out.println(row);
        }
    }

    /** Mean of the non-NaN values; NaN when there are none. */
    static double mean(double[] v) {
        if (v == null) {
            return Double.NaN;
        }
        double sum = 0;
        int n = 0;
        for (double x : v) {
            if (!Double.isNaN(x)) {
                sum += x;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }
}
