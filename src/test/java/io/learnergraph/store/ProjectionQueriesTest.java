package io.learnergraph.store;

import io.learnergraph.model.LearningType;
import io.learnergraph.model.SocialType;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The projection's event queries name their relationship types (faster than testing the other
 * end's label); a type added to the model but not to the query would silently vanish from every
 * analysis, so the lists are held to the model here.
 */
class ProjectionQueriesTest {

    private static final Pattern TYPES = Pattern.compile("\\[r:([A-Z_|]+)]");

    @Test
    void socialEventsReadFollowsAndEverySocialType() {
        Set<String> expected = Arrays.stream(SocialType.values()).map(SocialType::relationshipType)
                .collect(Collectors.toCollection(TreeSet::new));
        expected.add("FOLLOWS");
        assertEquals(expected, types(CypherQuery.PROJECTION_SOCIAL));
    }

    @Test
    void learningEventsReadEveryLearningTypeAndNotAuthorship() {
        Set<String> expected = Arrays.stream(LearningType.values()).map(LearningType::relationshipType)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(expected, types(CypherQuery.PROJECTION_LEARNING));
    }

    private static Set<String> types(CypherQuery query) {
        Matcher m = TYPES.matcher(query.text());
        assertTrue(m.find(), query + " names no relationship types");
        return new TreeSet<>(Arrays.asList(m.group(1).split("\\|")));
    }
}
