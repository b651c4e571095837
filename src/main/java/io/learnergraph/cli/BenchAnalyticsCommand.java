package io.learnergraph.cli;

import io.learnergraph.analysis.centrality.Betweenness;
import io.learnergraph.analysis.centrality.PageRank;
import io.learnergraph.analysis.community.CommunityResult;
import io.learnergraph.analysis.community.LabelPropagation;
import io.learnergraph.analysis.community.Leiden;
import io.learnergraph.analysis.community.Louvain;
import io.learnergraph.analysis.community.ModularityParameters;
import io.learnergraph.analysis.community.WeaklyConnectedComponents;
import io.learnergraph.analysis.graph.CsrGraph;
import io.learnergraph.analysis.graph.PowerLawGraphs;
import io.learnergraph.demo.DemoPlatformGenerator;
import io.learnergraph.ingest.CsvReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * {@code bench analytics}: times the community and centrality algorithms on a generated
 * power-law graph, the social graph of a demo platform, or an edge-list file, and optionally
 * runs igraph and NetworKit on the same edges in the same run (src/bench/python/peers.py).
 */
@Command(name = "analytics", mixinStandardHelpOptions = true,
        description = "Time PageRank, WCC, Louvain, Leiden, label propagation and sampled betweenness; "
                + "optionally side by side with igraph and NetworKit.")
public class BenchAnalyticsCommand implements Callable<Integer> {

    private static final List<String> ALGORITHMS = List.of("pagerank", "wcc", "louvain", "leiden", "label-prop",
            "betweenness");

    @Option(names = "--graph", defaultValue = "powerlaw", description = "powerlaw, demo or file (default ${DEFAULT-VALUE})")
    String graph;

    @Option(names = "--nodes", defaultValue = "1000000", description = "power-law nodes (default ${DEFAULT-VALUE})")
    int nodes;

    @Option(names = "--m", defaultValue = "10", description = "power-law edges per new node (default ${DEFAULT-VALUE})")
    int m;

    @Option(names = "--demo-users", defaultValue = "100000", description = "demo platform users (default ${DEFAULT-VALUE})")
    int demoUsers;

    @Option(names = "--edges-file", description = "edge list: two node ids per line, '#' comments")
    Path edgesFile;

    @Option(names = "--runs", defaultValue = "3", description = "runs per algorithm, median reported (default ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--betweenness-sources", defaultValue = "1000", description = "sampled sources (default ${DEFAULT-VALUE})")
    int sources;

    @Option(names = "--only", split = ",", description = "algorithms to run (default all): pagerank, wcc, louvain, "
            + "leiden, label-prop, betweenness")
    java.util.Set<String> only;

    @Option(names = "--peers", arity = "0..1", fallbackValue = "igraph,networkit",
            description = "also run these peers on the same graph: igraph and networkit through python3, gds "
                    + "in this JVM when built with -Pgds-bench (default when given: igraph,networkit)")
    String peers;

    @Option(names = "--peer-concurrency", split = ",",
            description = "thread counts for in-JVM peers, each run in turn, e.g. 1,2 (default: all cores)")
    List<Integer> peerConcurrency;

    @Option(names = "--peers-script", defaultValue = "src/bench/python/peers.py")
    Path peersScript;

    @Override
    public Integer call() throws Exception {
        if (runs < 1) {
            throw new IllegalArgumentException("--runs must be >= 1, was " + runs);
        }
        if (peerConcurrency != null && peerConcurrency.stream().anyMatch(c -> c == null || c < 1)) {
            throw new IllegalArgumentException("--peer-concurrency must be >= 1, was " + peerConcurrency);
        }
        if ("file".equals(graph) && edgesFile == null) {
            throw new IllegalArgumentException("--graph file needs --edges-file FILE");
        }
        long t0 = System.nanoTime();
        CsrGraph g = switch (graph) {
            case "powerlaw" -> PowerLawGraphs.barabasiAlbert(nodes, m, 1);
            case "demo" -> demoSocialGraph(demoUsers);
            case "file" -> fromEdgeList(edgesFile);
            default -> throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "--graph must be powerlaw, demo or file, was " + graph);
        };
        System.out.printf(Locale.ROOT, "graph %s: %,d nodes, %,d undirected edges (built in %.1f s); %d cores, "
                        + "max heap %,d MiB; median of %d runs%n", graph, g.nodeCount(), g.arcCount() / 2,
                (System.nanoTime() - t0) / 1e9, Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, runs);
        System.out.printf(Locale.ROOT, "%-26s %10s %12s %s%n", "algorithm", "seconds", "peak heap", "result");
        PageRank.Parameters twenty = new PageRank.Parameters(0.85, 20, 1e-300, null);
        time("LearnerGraph pagerank-20", () -> "iterations " + PageRank.compute(g, twenty).iterations());
        time("LearnerGraph wcc", () -> "components " + WeaklyConnectedComponents.compute(g).partition().count());
        time("LearnerGraph louvain", () -> describe(Louvain.compute(g, ModularityParameters.defaults())));
        time("LearnerGraph leiden", () -> describe(Leiden.compute(g, ModularityParameters.defaults())));
        time("LearnerGraph label-prop", () -> describe(LabelPropagation.compute(g, LabelPropagation.Parameters.defaults())));
        time("LearnerGraph betweenness", () -> "sources " + Betweenness.sourceSampled(g, sources, 42).samples());
        if (peers != null) {
            runPeers(g);
        }
        return 0;
    }

    private void time(String name, Supplier<String> work) {
        if (!wanted(name.substring(name.indexOf(' ') + 1).replace("-20", ""))) {
            return;
        }
        double[] seconds = new double[runs];
        String result = "";
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        for (int r = 0; r < runs; r++) {
            long start = System.nanoTime();
            result = work.get();
            seconds[r] = (System.nanoTime() - start) / 1e9;
        }
        long peak = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        Arrays.sort(seconds);
        System.out.printf(Locale.ROOT, "%-26s %10.3f %9d MiB %s%n", name, seconds[runs / 2], peak >> 20, result);
    }

    private boolean wanted(String algorithm) {
        return only == null || only.contains(algorithm);
    }

    private static String describe(CommunityResult r) {
        return String.format(Locale.ROOT, "modularity %.4f, %d communities, %d levels/sweeps", r.modularity(),
                r.partition().count(), r.iterations());
    }

    private void runPeers(CsrGraph g) throws Exception {
        List<String> python = new ArrayList<>();
        for (String name : peers.split(",")) {
            String peer = name.strip();
            if (peer.equals("igraph") || peer.equals("networkit")) {
                python.add(peer);
                continue;
            }
            BenchPeer jvmPeer = BenchPeer.named(peer).orElse(null);
            if (jvmPeer == null) {
                System.out.println(BenchPeer.missing(peer));
                continue;
            }
            List<Integer> threads = peerConcurrency != null ? peerConcurrency
                    : List.of(Runtime.getRuntime().availableProcessors());
            jvmPeer.runAlgorithms(g, runs, sources, threads, this::wanted, System.out);
        }
        if (!python.isEmpty()) {
            runPythonPeers(g, String.join(",", python));
        }
    }

    private void runPythonPeers(CsrGraph g, String names) throws IOException, InterruptedException {
        Path edges = Files.createTempFile("learnergraph-edges", ".txt");
        try (BufferedWriter w = Files.newBufferedWriter(edges, StandardCharsets.UTF_8)) {
            for (int v = 0; v < g.nodeCount(); v++) {
                for (int a = g.start(v); a < g.end(v); a++) {
                    if (v < g.target(a)) {
                        w.write(v + " " + g.target(a) + "\n");
                    }
                }
            }
        }
        Process p = new ProcessBuilder("python3", peersScript.toString(), edges.toString(), String.valueOf(g.nodeCount()),
                String.valueOf(runs), String.valueOf(sources), names,
                only == null ? String.join(",", ALGORITHMS) : String.join(",", only)).redirectErrorStream(true).start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            r.lines().forEach(System.out::println);
        }
        p.waitFor();
        Files.deleteIfExists(edges);
    }

    /** The demo platform's follows and interactions as an undirected graph with unit weights. */
    private static CsrGraph demoSocialGraph(int users) throws IOException {
        Path dir = Files.createTempDirectory("learnergraph-demo");
        DemoPlatformGenerator.Summary demo = new DemoPlatformGenerator(
                DemoPlatformGenerator.Parameters.of(users, 1).withoutLearningFile(),
                List.of("free", "basic", "premium", "vip")).writeTo(dir);
        System.out.printf(Locale.ROOT, "demo platform: %,d users, %,d follows, %,d social events (generated in %.1f s)%n",
                demo.users(), demo.follows(), demo.social(), demo.seconds());
        CsrGraph.Builder b = CsrGraph.builder(users, (int) Math.min(Integer.MAX_VALUE - 8, demo.follows() + demo.social()));
        for (String file : List.of("follows.csv", "social.csv")) {
            try (CsvReader csv = new CsvReader(Files.newInputStream(dir.resolve(file)))) {
                csv.next();
                for (CsvReader.CsvRecord r = csv.next(); r != null; r = csv.next()) {
                    int a = Integer.parseInt(r.fields().get(0).substring(1));
                    int c = Integer.parseInt(r.fields().get(1).substring(1));
                    b.add(a, c, 1);
                }
            }
        }
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(dir);
        return b.build().undirected().unweighted();
    }

    private static CsrGraph fromEdgeList(Path file) throws IOException {
        Map<String, Integer> ids = new HashMap<>();
        List<int[]> pairs = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int lineNumber = 0;
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                lineNumber++;
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#") || line.startsWith("%")) {
                    continue;
                }
                String[] f = line.split("[\\s,]+");
                if (f.length < 2) {
                    throw new IllegalArgumentException(file + " line " + lineNumber + ": expected two node ids, found '"
                            + line + "'");
                }
                int a = ids.computeIfAbsent(f[0], k -> ids.size());
                int c = ids.computeIfAbsent(f[1], k -> ids.size());
                pairs.add(new int[]{a, c});
            }
        }
        CsrGraph.Builder b = CsrGraph.builder(ids.size(), pairs.size());
        pairs.forEach(p -> b.add(p[0], p[1], 1));
        return b.build().undirected().unweighted();
    }

}
