package io.learnergraph.store;

import io.learnergraph.model.SavedQuery;
import io.learnergraph.model.CypherRows;
import io.learnergraph.LearnerGraphException;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The analysts' saved queries: every {@code cypher/queries/*.cypher}, named by its file. The
 * header comment is the documentation: free text, then one line per parameter,
 * {@code // @param name type (required) description} or {@code // @param name type = default
 * description}, type one of integer, float, string, boolean, list. They run under the same
 * read-only guard as ad-hoc Cypher; parameters are validated and typed before they reach Neo4j.
 */
@Singleton
public class SavedQueries {



    static final String DIRECTORY = "cypher/queries";
    private static final Pattern PARAM = Pattern.compile(
            "^@param\\s+(\\w+)\\s+(integer|float|string|boolean|list)\\s*(?:\\(required\\)|=\\s*(\\S+))?\\s*(.*)$");

    private final Map<String, SavedQuery> queries;
    private final ReadOnlyCypher cypher;

    public SavedQueries(ReadOnlyCypher cypher) {
        this.cypher = cypher;
        this.queries = load();
    }

    public List<SavedQuery> list() {
        return List.copyOf(queries.values());
    }

    public Optional<SavedQuery> get(String name) {
        return Optional.ofNullable(queries.get(name));
    }

    public CypherRows run(String name, Map<String, Object> params, Integer limit, Long timeoutMs) {
        SavedQuery q = get(name).orElseThrow(() -> new LearnerGraphException.NotFound("no saved query '" + name
                + "'; GET /api/queries lists them"));
        return cypher.run(q.cypher(), bind(q, params == null ? Map.of() : params), limit, timeoutMs);
    }

    /** The given values checked against the declared parameters, with defaults filled in. */
    static Map<String, Object> bind(SavedQuery q, Map<String, Object> given) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String key : given.keySet()) {
            if (q.parameters().stream().noneMatch(p -> p.name().equals(key))) {
                throw new LearnerGraphException.InvalidInput(key, "query '" + q.name() + "' has no parameter '" + key
                        + "'; it takes: " + String.join(", ", q.parameters().stream().map(SavedQuery.Parameter::name).toList()));
            }
        }
        for (SavedQuery.Parameter p : q.parameters()) {
            Object v = given.get(p.name());
            if (v == null) {
                if (p.required()) {
                    throw new LearnerGraphException.InvalidInput(p.name(), "parameter '" + p.name() + "' (" + p.type()
                            + ") is required: " + p.description());
                }
                v = p.defaultValue();
            }
            out.put(p.name(), typed(p, v));
        }
        return out;
    }

    private static Object typed(SavedQuery.Parameter p, Object v) {
        Object out = switch (p.type()) {
            case "integer" -> v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
                    && Math.abs(n.doubleValue()) < 9e15 ? (Object) n.longValue() : null;
            case "float" -> v instanceof Number n && Double.isFinite(n.doubleValue()) ? (Object) n.doubleValue() : null;
            case "string" -> v instanceof String ? v : null;
            case "boolean" -> v instanceof Boolean ? v : null;
            case "list" -> v instanceof List<?> ? v : null;
            default -> null;
        };
        if (out == null) {
            throw new LearnerGraphException.InvalidInput(p.name(), "parameter '" + p.name() + "' must be " + article(p.type())
                    + ", was " + (v instanceof String s ? "'" + s + "'" : String.valueOf(v)));
        }
        return out;
    }

    private static String article(String type) {
        return (type.startsWith("i") ? "an " : "a ") + type;
    }

    static SavedQuery parse(String name, String text) {
        StringBuilder description = new StringBuilder();
        List<SavedQuery.Parameter> params = new ArrayList<>();
        StringBuilder body = new StringBuilder();
        boolean header = true;
        for (String line : text.split("\n", -1)) {
            String t = line.strip();
            if (header && t.startsWith("//")) {
                String c = t.substring(2).strip();
                Matcher m = PARAM.matcher(c);
                if (m.matches()) {
                    boolean required = m.group(3) == null;
                    params.add(new SavedQuery.Parameter(m.group(1), m.group(2), required,
                            required ? null : defaultValue(name, m.group(2), m.group(3)), m.group(4).strip()));
                } else if (c.startsWith("@param")) {
                    throw new IllegalStateException(DIRECTORY + "/" + name + ".cypher: malformed '" + c + "'");
                } else {
                    description.append(description.isEmpty() ? "" : " ").append(c);
                }
            } else {
                header = header && t.isEmpty();
                if (!t.startsWith("//")) {
                    body.append(line).append('\n');
                }
            }
        }
        return new SavedQuery(name, description.toString(), List.copyOf(params), body.toString().strip());
    }

    private static Object defaultValue(String file, String type, String literal) {
        try {
            return switch (type) {
                case "integer" -> Long.parseLong(literal);
                case "float" -> Double.parseDouble(literal);
                case "boolean" -> Boolean.parseBoolean(literal);
                case "list" -> List.of(literal.split(","));
                default -> literal;
            };
        } catch (NumberFormatException e) {
            throw new IllegalStateException(DIRECTORY + "/" + file + ".cypher: default '" + literal + "' is not " + type);
        }
    }

    private static Map<String, SavedQuery> load() {
        Map<String, SavedQuery> out = new TreeMap<>();
        URL url = SavedQueries.class.getClassLoader().getResource(DIRECTORY);
        if (url == null) {
            return out;
        }
        try {
            URI uri = url.toURI();
            if (uri.getScheme().equals("jar")) {
                FileSystem fs;
                try {
                    fs = FileSystems.newFileSystem(uri, Map.of());
                } catch (FileSystemAlreadyExistsException e) {
                    fs = FileSystems.getFileSystem(uri);
                }
                readAll(fs.getPath(DIRECTORY), out);
            } else {
                readAll(Path.of(uri), out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DIRECTORY + ": " + e.getMessage(), e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    private static void readAll(Path dir, Map<String, SavedQuery> out) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".cypher")).toList()) {
                String file = f.getFileName().toString();
                String name = file.substring(0, file.length() - ".cypher".length());
                try (InputStream in = Files.newInputStream(f)) {
                    out.put(name, parse(name, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                }
            }
        }
    }
}
