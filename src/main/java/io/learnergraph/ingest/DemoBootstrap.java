package io.learnergraph.ingest;

import io.learnergraph.config.DataDirectory;
import io.learnergraph.config.DemoSettings;
import io.learnergraph.config.LearnerGraphSettings;
import io.learnergraph.demo.DemoPlatformGenerator;
import io.learnergraph.store.StatsStore;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;

/**
 * When the application starts on an empty database, generates and imports a demo platform so the
 * API answers with real data at once ({@code learnergraph.demo.load-when-empty}). It runs before
 * the HTTP server listens, so a healthy server has its data; one-shot commands such as
 * {@code import} turn it off (they bring their own data).
 */
@Singleton
public class DemoBootstrap {

    private static final Logger LOG = LoggerFactory.getLogger(DemoBootstrap.class);

    private final DemoSettings demo;
    private final LearnerGraphSettings app;
    private final DataDirectory data;
    private final StatsStore stats;
    private final GraphImporter importer;

    public DemoBootstrap(DemoSettings demo, LearnerGraphSettings app, DataDirectory data, StatsStore stats,
                         GraphImporter importer) {
        this.demo = demo;
        this.app = app;
        this.data = data;
        this.stats = stats;
        this.importer = importer;
    }

    @EventListener
    public void onStartup(StartupEvent event) {
        if (demo.loadWhenEmpty() && stats.isEmpty()) {
            loadDemo();
        }
    }

    public ImportReport loadDemo() {
        Path dir = data.demoDir();
        LOG.info("Empty database: generating a demo platform of {} users (seed {}) in {}", demo.users(), demo.seed(), dir);
        new DemoPlatformGenerator(DemoPlatformGenerator.Parameters.of(demo.users(), demo.seed()), app.tiers())
                .writeTo(dir);
        ImportReport report = importer.importDirectory(dir, ImportProgress.NONE);
        LOG.info("Demo platform loaded: {} rows in {} s", report.totalImported(), String.format("%.1f", report.seconds()));
        return report;
    }
}
