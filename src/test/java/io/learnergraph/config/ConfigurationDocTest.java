package io.learnergraph.config;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The configuration reference (src/site/markdown/configuration.md) cannot drift from
 * config/application.yml: every key of the file is in the table, every key of the table is in
 * the file, and where the table gives a default as one literal value it is the file's.
 */
class ConfigurationDocTest {

    private static final Path YAML = Path.of("config", "application.yml");
    private static final Path DOC = Path.of("src", "site", "markdown", "configuration.md");
    private static final Pattern NAME = Pattern.compile("`([^`]+)`");

    /** One row of the table: the keys it names and the defaults it gives, in order. */
    private record Row(List<String> keys, List<String> defaults) {
    }

    @Test
    void everyKeyIsDocumentedAndEveryDocumentedKeyExists() throws IOException {
        Map<String, Object> file = leaves();
        List<Row> rows = rows();
        List<String> documented = rows.stream().flatMap(r -> r.keys().stream()).toList();
        assertFalse(documented.isEmpty());

        List<String> undocumented = new ArrayList<>();
        for (String key : file.keySet()) {
            if (documented.stream().noneMatch(d -> covers(d, key))) {
                undocumented.add(key);
            }
        }
        assertEquals(List.of(), undocumented, "keys of " + YAML + " missing from " + DOC);

        List<String> unknown = documented.stream().filter(d -> file.keySet().stream().noneMatch(k -> covers(d, k)))
                .toList();
        assertEquals(List.of(), unknown, "keys in " + DOC + " that " + YAML + " does not have");
    }

    @Test
    void literalDefaultsAreTheFilesDefaults() throws IOException {
        Map<String, Object> file = leaves();
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (Row r : rows()) {
            if (r.defaults().size() != r.keys().size()) {
                continue;
            }
            for (int i = 0; i < r.keys().size(); i++) {
                String key = r.keys().get(i);
                String doc = r.defaults().get(i);
                Object value = file.get(key);
                if (doc == null || value == null || value instanceof List) {
                    continue;
                }
                checked++;
                if (!same(doc, value)) {
                    wrong.add(key + ": documented " + doc + ", file " + value);
                }
            }
        }
        assertEquals(List.of(), wrong);
        assertFalse(checked < 30, "only " + checked + " defaults compared: is the table still parsed?");
    }

    /** A documented key covers a file key when equal, or as {@code prefix.*}. */
    private static boolean covers(String documented, String key) {
        return documented.endsWith(".*") ? key.startsWith(documented.substring(0, documented.length() - 1))
                : documented.equals(key);
    }

    private static boolean same(String documented, Object value) {
        try {
            return Double.parseDouble(documented) == Double.parseDouble(value.toString());
        } catch (NumberFormatException e) {
            return documented.equals(value.toString());
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> leaves() throws IOException {
        try (Reader in = Files.newBufferedReader(YAML)) {
            Map<String, Object> out = new LinkedHashMap<>();
            flatten("", (Map<String, Object>) new Yaml().load(in), out);
            return out;
        }
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Map<String, Object> map, Map<String, Object> out) {
        for (Map.Entry<String, Object> e : map.entrySet()) {
            String key = prefix + e.getKey();
            if (e.getValue() instanceof Map<?, ?> m) {
                flatten(key + ".", (Map<String, Object>) m, out);
            } else {
                out.put(key, e.getValue());
            }
        }
    }

    /**
     * The table's rows. A row names its first key in full and the others relative to it:
     * {@code password} (a sibling), {@code -delta} (the last hyphenated word replaced),
     * {@code .learning.*} (a sibling of the first key's map).
     */
    private static List<Row> rows() throws IOException {
        List<Row> rows = new ArrayList<>();
        for (String line : Files.readAllLines(DOC)) {
            if (!line.startsWith("| `")) {
                continue;
            }
            String[] cells = line.split("\\|");
            List<String> names = new ArrayList<>();
            Matcher m = NAME.matcher(cells[1]);
            while (m.find()) {
                names.add(m.group(1));
            }
            String first = names.get(0);
            String firstBase = first.endsWith(".*") ? first.substring(0, first.length() - 2) : first;
            String parent = firstBase.substring(0, firstBase.lastIndexOf('.'));
            List<String> keys = new ArrayList<>();
            keys.add(first);
            for (String n : names.subList(1, names.size())) {
                if (n.startsWith(".")) {
                    keys.add(parent + n);
                } else if (n.startsWith("-")) {
                    keys.add(firstBase.substring(0, firstBase.lastIndexOf('-')) + n);
                } else {
                    keys.add(parent + "." + n);
                }
            }
            List<String> defaults = new ArrayList<>();
            for (String d : cells[2].split(" / ")) {
                Matcher literal = Pattern.compile("^\\s*`([^`]*)`\\s*$").matcher(d);
                defaults.add(literal.matches() ? literal.group(1) : null);
            }
            rows.add(new Row(keys, defaults));
        }
        return rows;
    }
}
