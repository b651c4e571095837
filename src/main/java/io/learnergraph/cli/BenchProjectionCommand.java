package io.learnergraph.cli;

import io.learnergraph.model.LoadStats;
import io.learnergraph.analysis.graph.GraphSnapshot;
import io.learnergraph.service.SnapshotService;
import io.learnergraph.store.ProjectionLoader;
import io.micronaut.context.ApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code bench projection}: loads the in-memory projection from the configured database (or
 * the embedded one under {@code --data-dir}) several times and reports relationships/s and
 * bytes per relationship.
 */
@Command(name = "projection", mixinStandardHelpOptions = true,
        description = "Load the in-memory projection from the database; report relationships/s and bytes/relationship.")
public class BenchProjectionCommand implements Callable<Integer> {

    @Option(names = "--data-dir", description = "embedded data directory to load from (default: configured)")
    Path dataDir;

    @Option(names = "--runs", defaultValue = "3", description = "loads to time (default ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--peers", description = "also time these peers' own projection of the same database "
            + "(gds, in a -Pgds-bench build; needs --data-dir)")
    String peers;

    @Option(names = "--peer-concurrency", split = ",", defaultValue = "2",
            description = "thread counts for the peers' projection (default ${DEFAULT-VALUE})")
    List<Integer> peerConcurrency;

    @Override
    public Integer call() throws Exception {
        if (peerConcurrency.stream().anyMatch(c -> c == null || c < 1)) {
            throw new IllegalArgumentException("--peer-concurrency must be >= 1, was " + peerConcurrency);
        }
        if (peers != null && dataDir == null) {
            throw new IllegalArgumentException("--peers needs --data-dir: the peers open the embedded database there");
        }
        if (dataDir != null) {
            System.setProperty("learnergraph.data-dir", dataDir.toString());
            System.setProperty("learnergraph.neo4j.bolt-port", "0");
        }
        System.setProperty("learnergraph.analytics.write-back-on-refresh", "false");
        try (ApplicationContext context = Contexts.withoutServer()) {
            SnapshotService snapshots = context.getBean(SnapshotService.class);
            for (int run = 1; run <= runs; run++) {
                GraphSnapshot s = snapshots.refresh();
                LoadStats stats = snapshots.lastLoadStats();
                long pairs = s.social().arcCount() + (long) s.learning().arcCount() + s.coverage().arcCount()
                        + s.prerequisites().arcCount();
                System.out.printf(Locale.ROOT, "run %d: %,d relationships in %.2f s = %,.0f relationships/s; "
                                + "%,d users, %,d aggregated pairs; graph arrays %,d bytes = %.1f bytes per relationship "
                                + "(%.1f per aggregated pair, all views incl. transposes)%n", run, stats.relationships(),
                        stats.seconds(), stats.relationshipsPerSecond(), s.users().count(), pairs, s.graphBytes(),
                        (double) s.graphBytes() / stats.relationships(), (double) s.graphBytes() / pairs);
            }
        }
        if (peers != null) {
            for (String name : peers.split(",")) {
                BenchPeer peer = BenchPeer.named(name.strip()).orElse(null);
                if (peer == null) {
                    System.out.println(BenchPeer.missing(name.strip()));
                } else {
                    peer.projectDatabase(dataDir.resolve("neo4j"), runs, peerConcurrency, System.out);
                }
            }
        }
        return 0;
    }
}
