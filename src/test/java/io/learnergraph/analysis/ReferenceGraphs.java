package io.learnergraph.analysis;

import io.learnergraph.analysis.graph.CsrGraph;
import io.micronaut.serde.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Zachary's karate club and the Les Misérables co-appearance network with reference values
 * computed by NetworkX 3.6 and igraph 1.0 (src/test/resources/graphs, copied from
 * shared/data; see its README.md).
 */
public final class ReferenceGraphs {

    private ReferenceGraphs() {
    }

    /** The undirected graph, each edge stored both ways; weights from the file when present. */
    public static CsrGraph load(String name) {
        List<String> lines = lines("graphs/" + name + ".edges.csv");
        int n = ((Number) reference(name).get("nodes")).intValue();
        CsrGraph.Builder b = CsrGraph.builder(n, lines.size() * 2);
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(",");
            double w = f.length > 2 ? Double.parseDouble(f[2]) : 1.0;
            b.add(Integer.parseInt(f[0]), Integer.parseInt(f[1]), w);
            b.add(Integer.parseInt(f[1]), Integer.parseInt(f[0]), w);
        }
        return b.buildUndirected();
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> reference(String name) {
        try {
            Map<String, Object> all = ObjectMapper.getDefault().readValue(String.join("\n", lines("graphs/reference.json")),
                    Map.class);
            return (Map<String, Object>) all.get(name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A per-node reference vector ("pagerank_d085", "coreness", ...). */
    @SuppressWarnings("unchecked")
    public static double[] values(String name, String measure) {
        Map<String, Object> m = (Map<String, Object>) reference(name).get(measure);
        double[] out = new double[m.size()];
        m.forEach((k, v) -> out[Integer.parseInt(k)] = ((Number) v).doubleValue());
        return out;
    }

    public static List<String> lines(String resource) {
        try (InputStream in = ReferenceGraphs.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
