package io.learnergraph.cli;

import io.learnergraph.support.GraphTestSupport;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each kind of bad configuration stops the start with one message naming the key (and, for a
 * map of weights, the keys allowed), as the command line prints it: a typo never becomes a
 * silent zero, and nothing waits for the first request to fail.
 */
class ConfigurationIT {

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "learnergraph.weights.social.coment | 2 | learnergraph.weights.social.coment is not a known key; allowed: "
                    + "answer, comment, follow, like, mention, reply, share, tip",
            "learnergraph.weights.learning.view | -1 | learnergraph.weights.learning.view must be a number >= 0, was -1.0",
            "learnergraph.recommendations.weights.knowlege | 0.5 | learnergraph.recommendations.weights.knowlege is "
                    + "not a known key; allowed: collaborative, knowledge, popular, social",
            "learnergraph.growth.win-back-weights.socail | 1 | learnergraph.growth.win-back-weights.socail is not a "
                    + "known key",
            "learnergraph.growth.points.likes | 1 | learnergraph.growth.points.likes is not a known key; allowed: "
                    + "answers, comments, followers, replies, tips",
            "learnergraph.growth.engagement-weights.visit | 1 | learnergraph.growth.engagement-weights.visit is not a "
                    + "known key; allowed: completions, given, learning, ratings, received, visits",
            "learnergraph.live.poll-millis | 1 | learnergraph.live.poll-millis must be 10..60000, was 1",
            "learnergraph.live.persist-every-minutes | -5 | learnergraph.live.persist-every-minutes must be >= 0",
    })
    void aBadSettingStopsTheStartNamingIt(String key, String value, String message) {
        Map<String, Object> p = new HashMap<>(Map.of(
                "learnergraph.data-dir", GraphTestSupport.newTempDir("bad-config").toString(),
                "learnergraph.neo4j.bolt-port", "0",
                "learnergraph.demo.load-when-empty", "false"));
        p.put(key, value);
        RuntimeException e = assertThrows(RuntimeException.class, () -> {
            try (ApplicationContext ignored = ApplicationContext.builder().deduceEnvironment(false).properties(p)
                    .start()) {
                // started: the setting was not checked
            }
        });
        String printed = Contexts.expected(e).getMessage();
        assertTrue(printed.contains(message), printed);
        assertTrue(printed.startsWith("invalid configuration"), printed);
    }
}
