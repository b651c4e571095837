package io.learnergraph.cli;

import io.learnergraph.analysis.graph.CsrGraph;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Predicate;

/**
 * A peer engine that the benchmarks run in this JVM, side by side with ours, found through
 * {@link ServiceLoader}. The product ships none: Neo4j GDS is one, built only by the
 * {@code gds-bench} Maven profile (src/gds), so that it never enters the runtime.
 */
public interface BenchPeer {

    /** The name given to {@code --peers}, e.g. {@code gds}. */
    String name();

    /**
     * Loads {@code graph} (undirected, unweighted) into the peer and times the same algorithms as
     * {@code bench analytics}, printing one line per algorithm in its table format.
     *
     * @param runs        runs per algorithm; the median is printed
     * @param sources     sampled betweenness sources
     * @param concurrency thread counts to run every algorithm at, one after the other
     * @param wanted      whether to run an algorithm, by the bench's names (pagerank, wcc, louvain,
     *                    leiden, label-prop, betweenness)
     */
    void runAlgorithms(CsrGraph graph, int runs, int sources, List<Integer> concurrency, Predicate<String> wanted,
                       PrintStream out) throws Exception;

    /**
     * Opens the embedded database under {@code home} (closed by us) and times the peer's own
     * projection of its users, courses, topics and relationships, as {@code bench projection} does ours.
     */
    void projectDatabase(Path home, int runs, List<Integer> concurrency, PrintStream out) throws Exception;

    /** The peer of that name on the class path, if this build has it. */
    static Optional<BenchPeer> named(String name) {
        return ServiceLoader.load(BenchPeer.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals(name)).findFirst();
    }

    /** What to print when a peer is missing from this build. */
    static String missing(String name) {
        return name + ": not available in this build (gds needs `mvn -Pgds-bench package` and "
                + "target/gds-bench/learnergraph.jar); skipped";
    }
}
