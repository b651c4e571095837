package io.learnergraph;

import io.micronaut.serde.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * README's Run command, run as a newcomer runs it: the packaged jar (built by {@code package},
 * before this test) copied with its libraries, configuration and sample data into a fresh
 * directory whose name has a space in it, started there with the {@code java -jar} line taken
 * from README (so the two cannot drift) and the default configuration: data under {@code ./data}.
 * Only the two ports are moved off 8080 and 7687 (by environment variable, as a user would), so
 * that a server someone is trying out on this machine does not fail the build.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FirstRunIT {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);

    private Path project;
    private List<String> runCommand;
    private int demoUsers;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeAll
    void copyTheBuiltProject() throws IOException {
        Path jar = Path.of(System.getProperty("learnergraph.packaged-jar", "target/learnergraph.jar")).toAbsolutePath();
        assertTrue(Files.isRegularFile(jar), "the packaged jar is missing; run the suite with `mvn verify`: " + jar);
        project = Files.createTempDirectory("learnergraph first run ");
        copyTree(jar.getParent().resolve("lib"), project.resolve("target/lib"));
        Files.copy(jar, project.resolve("target/learnergraph.jar"));
        copyTree(Path.of("config"), project.resolve("config"));
        copyTree(Path.of("graph-import"), project.resolve("graph-import"));
        runCommand = readmeRunCommand();
        Map<String, Object> config = new Yaml().load(Files.readString(project.resolve("config/application.yml")));
        demoUsers = (Integer) path(config, "learnergraph", "demo", "users");
    }

    @Test
    void readmesRunCommandAnswersWithTheDemoThenStopsCleanlyAndRestartsOnTheSameData() throws Exception {
        Ports ports = Ports.free();
        long started = System.nanoTime();
        Server first = Server.start(project, runCommand, ports);
        try {
            first.awaitHealthy(http);
            double healthy = seconds(started);
            String key = Files.readString(project.resolve("data/admin.key")).strip();
            Map<String, Object> stats = first.getJson(http, "/api/stats", key);
            assertEquals((long) demoUsers, ((Number) path(stats, "nodes", "User")).longValue(), stats.toString());
            assertTrue(((Number) path(stats, "relationships", "ENROLLED")).longValue() > demoUsers, stats.toString());

            Map<String, Object> influencers = first.getJson(http, "/api/influencers?measure=pagerank&limit=10", key);
            double firstAnswer = seconds(started);
            List<Map<String, Object>> top = list(influencers, "items");
            assertEquals(10, top.size(), influencers.toString());
            for (int i = 1; i < top.size(); i++) {
                assertTrue(score(top.get(i - 1)) >= score(top.get(i)), "ranked by PageRank: " + top);
            }
            assertTrue(score(top.get(9)) > 1.0 / demoUsers, "the top ten are above the mean PageRank: " + top);

            Map<String, Object> recs = first.getJson(http, "/api/users/u1/recommendations?limit=5", key);
            List<Map<String, Object>> items = list(recs, "items");
            assertEquals(5, items.size(), recs.toString());
            assertFalse(list(items.get(0), "reasons").isEmpty(), "each candidate explains itself: " + recs);

            Map<String, Object> communities = first.getJson(http, "/api/communities?algorithm=leiden&limit=3", key);
            assertTrue(((Number) communities.get("communityCount")).intValue() > 1, communities.toString());
            assertTrue(((Number) communities.get("modularity")).doubleValue() > 0.3, communities.toString());

            // the figure README quotes for the first start
            String timing = String.format(Locale.ROOT, "first run: health %.1f s, first real answer (influencers) %.1f s "
                    + "after `%s`%n", healthy, firstAnswer, String.join(" ", runCommand));
            System.out.print(timing);
            Files.writeString(Path.of("target", "first-run.txt"), timing);
        } catch (Throwable t) {
            first.process().destroy();
            throw t;
        }
        first.stopAndAssertClean();

        Server again = Server.start(project, runCommand, ports);
        try {
            again.awaitHealthy(http);
            String key = Files.readString(project.resolve("data/admin.key")).strip();
            Map<String, Object> stats = again.getJson(http, "/api/stats", key);
            assertEquals((long) demoUsers, ((Number) path(stats, "nodes", "User")).longValue(), stats.toString());
        } catch (Throwable t) {
            again.process().destroy();
            throw t;
        }
        again.stopAndAssertClean();
        assertFalse(again.log().contains("Empty database"), "a restart must not load the demo again:\n" + again.log());
    }

    @Test
    void importsTheSampleFromAnotherDirectoryAndThroughLinkedSpacedRelativePaths() throws Exception {
        Path root = Files.createTempDirectory("learnergraph-paths");
        Path elsewhere = Files.createDirectories(root.resolve("somewhere else"));
        String jar = project.resolve("target/learnergraph.jar").toString();
        String sample = project.resolve("graph-import/sample").toString();

        // README's import line, from a directory that is not the project: ./data is made there
        Run first = Run.of(elsewhere, List.of(java(), "-jar", jar, "import", sample));
        assertEquals(0, first.exit(), first.output());
        assertTrue(first.output().contains("users.csv"), first.output());
        assertTrue(Files.isDirectory(elsewhere.resolve("data/neo4j/data/databases")), first.output());
        // "data" and "./data" are one directory: the re-import finds the graph and changes nothing
        Run again = Run.of(elsewhere, List.of(java(), "-Dlearnergraph.data-dir=data", "-jar", jar, "import", sample));
        assertEquals(0, again.exit(), again.output());
        assertEquals(importedRows(first.output()), importedRows(again.output()), again.output());

        // ../x/data through a symbolic link whose name has spaces
        Path real = Files.createDirectories(root.resolve("real store"));
        Files.createSymbolicLink(root.resolve("linked store"), real);
        Run linked = Run.of(elsewhere, List.of(java(), "-Dlearnergraph.data-dir=../linked store/data", "-jar", jar,
                "import", sample));
        assertEquals(0, linked.exit(), linked.output());
        assertTrue(Files.isDirectory(real.resolve("data/neo4j/data/databases")), linked.output());
    }

    @Test
    void anUnusableDataDirectoryIsOneLineNamingItAndExitCode2() throws Exception {
        Path root = Files.createTempDirectory("learnergraph-bad-paths");
        Path file = Files.writeString(root.resolve("not a directory"), "x");
        String jar = project.resolve("target/learnergraph.jar").toString();
        for (List<String> command : List.of(
                List.of(java(), "-Dlearnergraph.data-dir=" + file, "-jar", jar, "import",
                        project.resolve("graph-import/sample").toString()),
                List.of(java(), "-Dlearnergraph.data-dir=" + file.resolve("data"), "-jar", jar, "serve"),
                List.of(java(), "-Dlearnergraph.data-dir=" + root.resolve("data"), "-jar", jar, "import",
                        root.resolve("no such import").toString()))) {
            Run r = Run.of(root, command);
            assertEquals(2, r.exit(), r.output());
            List<String> lines = r.output().lines().filter(l -> !l.isBlank()).toList();
            assertEquals(1, lines.size(), "one line, no stack trace:\n" + r.output());
            assertTrue(lines.get(0).contains(root.toRealPath().toString()) || lines.get(0).contains(root.toString()),
                    "names the path: " + lines.get(0));
            assertTrue(lines.get(0).matches(".*(is a file|does not exist).*"), "says why: " + lines.get(0));
        }
    }

    /** The {@code java -jar ...} part of README's Run command. */
    private static List<String> readmeRunCommand() throws IOException {
        Matcher m = Pattern.compile("\\*\\*Run\\*\\*.*?```bash\\s*\\n(.*?)\\n```", Pattern.DOTALL)
                .matcher(Files.readString(Path.of("README.md")));
        assertTrue(m.find(), "README has a **Run** section with a bash block");
        String line = m.group(1).strip();
        String java = Arrays.stream(line.split("&&")).map(String::strip).filter(s -> s.startsWith("java "))
                .findFirst().orElseThrow(() -> new AssertionError("no java -jar in README's Run command: " + line));
        List<String> command = new ArrayList<>(Arrays.asList(java.split("\\s+")));
        command.set(0, java());
        return command;
    }

    private static long importedRows(String output) {
        Matcher m = Pattern.compile("(?m)^total\\s+([\\d,]+)\\s+([\\d,]+)").matcher(output);
        assertTrue(m.find(), "a total line in the summary:\n" + output);
        return Long.parseLong(m.group(2).replace(",", ""));
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static double score(Map<String, Object> item) {
        return ((Number) item.get("score")).doubleValue();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> map, String key) {
        return (List<Map<String, Object>>) map.get(key);
    }

    @SuppressWarnings("unchecked")
    private static Object path(Map<String, Object> map, String... keys) {
        Object o = map;
        for (String k : keys) {
            o = ((Map<String, Object>) o).get(k);
        }
        return o;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else if (!f.toString().contains("rejects")) {
                    Files.copy(f, target);
                }
            }
        }
    }

    private record Ports(int http, int bolt) {
        static Ports free() throws IOException {
            try (ServerSocket a = new ServerSocket(0); ServerSocket b = new ServerSocket(0)) {
                return new Ports(a.getLocalPort(), b.getLocalPort());
            }
        }
    }

    /** A finished command: its exit code and what it printed (stdout and stderr). */
    private record Run(int exit, String output) {
        static Run of(Path dir, List<String> command) throws IOException, InterruptedException {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(5, TimeUnit.MINUTES), "still running: " + command);
            return new Run(p.exitValue(), out);
        }
    }

    /** The server started in the background, its output in a log file. */
    private record Server(Process process, Path logFile, Ports ports) {

        static Server start(Path dir, List<String> command, Ports ports) throws IOException {
            Path log = Files.createTempFile("learnergraph-first-run", ".log");
            ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            pb.environment().put("MICRONAUT_SERVER_PORT", String.valueOf(ports.http()));
            pb.environment().put("LEARNERGRAPH_NEO4J_BOLT_PORT", String.valueOf(ports.bolt()));
            return new Server(pb.start(), log, ports);
        }

        void awaitHealthy(HttpClient http) throws InterruptedException {
            long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    fail("the server exited with " + process.exitValue() + ":\n" + log());
                }
                try {
                    HttpResponse<String> r = http.send(request("/api/health", null), HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 200) {
                        return;
                    }
                } catch (IOException e) {
                    // not listening yet
                }
                Thread.sleep(100);
            }
            fail("no healthy answer within " + START_TIMEOUT + ":\n" + log());
        }

        Map<String, Object> getJson(HttpClient http, String path, String key) throws IOException, InterruptedException {
            HttpResponse<String> r = http.send(request(path, key), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), path + ": " + r.body());
            @SuppressWarnings("unchecked")
            Map<String, Object> body = ObjectMapper.getDefault().readValue(r.body(), Map.class);
            return body;
        }

        private HttpRequest request(String path, String key) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports.http() + path))
                    .timeout(Duration.ofMinutes(2));
            if (key != null) {
                b.header("Authorization", "Bearer " + key);
            }
            return b.build();
        }

        /** SIGTERM, as Ctrl-C or a service manager sends it: the JVM's hooks close Neo4j. */
        void stopAndAssertClean() throws InterruptedException {
            process.destroy();
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "still running 60 s after SIGTERM:\n" + log());
            assertEquals(143, process.exitValue(), "exit after SIGTERM:\n" + log());
            String log = log();
            assertTrue(log.contains("Embedded Neo4j stopped"), "Neo4j must be shut down cleanly:\n" + log);
            assertFalse(log.contains("Exception"), "a clean run logs no exception:\n" + log);
        }

        String log() {
            try (InputStream in = Files.newInputStream(logFile)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
