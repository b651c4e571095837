package io.learnergraph;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Dependencies point one way: api → (ingest, service) → store → (model, config), and the
 * analysis core depends on nothing but itself, the model and plain libraries (no driver, no
 * HTTP, no Micronaut, no files).
 */
class ArchitectureTest {

    private static final Path SRC = Path.of("src", "main", "java", "io", "learnergraph");

    /** Package → imports it must not have. */
    private static final Map<String, List<String>> FORBIDDEN = Map.of(
            "analysis", List.of("io.learnergraph.store", "io.learnergraph.api", "io.learnergraph.ingest",
                    "io.learnergraph.service", "io.learnergraph.cli", "org.neo4j", "io.micronaut", "java.nio.file",
                    "java.io.File"),
            "model", List.of("io.learnergraph.store", "io.learnergraph.api", "io.learnergraph.ingest",
                    "io.learnergraph.service", "org.neo4j", "io.micronaut"),
            "store", List.of("io.learnergraph.api", "io.learnergraph.ingest", "io.learnergraph.service",
                    "io.learnergraph.cli"),
            "ingest", List.of("io.learnergraph.api", "io.learnergraph.cli"),
            "service", List.of("io.learnergraph.api", "io.learnergraph.cli"),
            "demo", List.of("io.learnergraph.store", "io.learnergraph.api", "org.neo4j", "io.micronaut"),
            "api", List.of("io.learnergraph.cli", "org.neo4j.driver"));

    @Test
    void packagesDependOnlyDownwards() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Map.Entry<String, List<String>> rule : FORBIDDEN.entrySet()) {
            Path dir = SRC.resolve(rule.getKey());
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    for (String line : Files.readAllLines(file)) {
                        if (!line.startsWith("import ")) {
                            continue;
                        }
                        for (String banned : rule.getValue()) {
                            if (line.contains(" " + banned) || line.contains("static " + banned)) {
                                violations.add(SRC.relativize(file) + ": " + line);
                            }
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), violations);
    }
}
