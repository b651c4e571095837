package io.learnergraph.bench.gds;

import org.neo4j.configuration.Config;
import org.neo4j.gds.applications.operations.FeatureTogglesRepository;
import org.neo4j.gds.core.model.OpenModelCatalog;
import org.neo4j.gds.core.write.NativeExportBuildersProvider;
import org.neo4j.gds.metrics.Metrics;
import org.neo4j.gds.procedures.integration.DefaultExportLocation;
import org.neo4j.gds.procedures.integration.LogAccessor;
import org.neo4j.gds.procedures.integration.OpenGraphDataScienceExtensionBuilder;
import org.neo4j.kernel.api.procedure.GlobalProcedures;
import org.neo4j.kernel.extension.ExtensionFactory;
import org.neo4j.kernel.extension.context.ExtensionContext;
import org.neo4j.kernel.lifecycle.Lifecycle;
import org.neo4j.kernel.lifecycle.LifecycleAdapter;
import org.neo4j.logging.internal.LogService;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Boots Neo4j Graph Data Science (open edition) inside embedded Neo4j, for benchmarks only.
 *
 * <p>Maven Central has GDS's modules but not the packaging that boots them in a server, and
 * embedded Neo4j does not scan the class path for procedures. This extension does both: it builds
 * GDS's services the way the open edition does (native writes, no metrics, in-memory model
 * catalogue, no model store) and, once their components are registered, registers every class
 * GDS lists under {@code META-INF/services/org.neo4j.procedure.Procedure} and
 * {@code ...UserFunction}. Registered through our own {@code META-INF/services} in src/gds.
 */
public final class GdsExtension extends ExtensionFactory<GdsExtension.Dependencies> {

    public interface Dependencies {
        Config config();

        GlobalProcedures globalProcedures();

        LogService logService();
    }

    public GdsExtension() {
        super("learnergraph.gds-bench");
    }

    @Override
    public Lifecycle newInstance(ExtensionContext context, Dependencies dependencies) {
        var log = new LogAccessor().getLog(dependencies.logService(), getClass());
        GlobalProcedures procedures = dependencies.globalProcedures();
        Lifecycle gds = OpenGraphDataScienceExtensionBuilder.create(
                log,
                procedures,
                dependencies.config(),
                (database, configuration) -> new NativeExportBuildersProvider(),
                new DefaultExportLocation(log, dependencies.config()),
                new FeatureTogglesRepository(),
                Metrics.DISABLED,
                new OpenModelCatalog(),
                model -> {
                    throw new UnsupportedOperationException("model storing is not part of the benchmark");
                },
                Optional.empty(),
                Optional.empty(),
                Optional.empty()).getLeft().build();
        return new LifecycleAdapter() {
            @Override
            public void init() throws Exception {
                gds.init();
                // the procedures inject GDS's components, so they can only be compiled once those exist
                for (Class<?> type : listed("org.neo4j.procedure.Procedure")) {
                    procedures.registerProcedure(type);
                }
                for (Class<?> type : listed("org.neo4j.procedure.UserFunction")) {
                    procedures.registerFunction(type);
                }
            }

            @Override
            public void start() throws Exception {
                gds.start();
            }

            @Override
            public void stop() throws Exception {
                gds.stop();
            }

            @Override
            public void shutdown() throws Exception {
                gds.shutdown();
            }
        };
    }

    /** Classes named in every {@code META-INF/services/<service>} file on the class path. */
    private static List<Class<?>> listed(String service) throws IOException, ClassNotFoundException {
        ClassLoader loader = GdsExtension.class.getClassLoader();
        List<Class<?>> types = new ArrayList<>();
        for (URL url : Collections.list(loader.getResources("META-INF/services/" + service))) {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(url.openStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    String name = line.replaceFirst("#.*", "").strip();
                    if (!name.isEmpty()) {
                        types.add(Class.forName(name, false, loader));
                    }
                }
            }
        }
        return types;
    }
}
