package io.learnergraph.analysis.profile;

import io.learnergraph.analysis.graph.GraphSnapshot;
import io.learnergraph.analysis.graph.ProjectionBuilder;
import io.learnergraph.analysis.graph.ProjectionWeights;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class InterestProfilesTest {

    private static final ProjectionWeights WEIGHTS = new ProjectionWeights(Map.of("VIEWED", 0.2, "ENROLLED", 1.0,
            "COMPLETED", 2.0), 0);

    /** Store ids: users 1.., courses 1000.., topics 2000.. */
    private static ProjectionBuilder builder(int users, String... topics) {
        ProjectionBuilder b = new ProjectionBuilder(WEIGHTS);
        for (int u = 0; u < users; u++) {
            b.addUser(1 + u, "u" + u, "User " + u, "free", 0);
        }
        for (int t = 0; t < topics.length; t++) {
            b.addTopic(2000 + t, topics[t], topics[t]);
        }
        return b;
    }

    @Test
    void tfIdfMatchesAHandComputation() {
        ProjectionBuilder b = builder(5, "a", "b");
        b.addCourse(1000, "cA", "A", "free", -1);
        b.addCourse(1001, "cB", "B", "free", -1);
        b.addCoverage(1000, 2000, 1.0);
        b.addCoverage(1001, 2001, 1.0);
        b.addLearning(1, 1000, "ENROLLED", 1);  // u0: a (1)
        b.addLearning(1, 1000, "COMPLETED", 2); // u0: a (+2)
        b.addLearning(2, 1000, "COMPLETED", 3); // u1: a (2), b (2)
        b.addLearning(2, 1001, "COMPLETED", 3);
        b.addLearning(3, 1001, "ENROLLED", 4);  // u2: b (1)
        b.addLearning(4, 1001, "VIEWED", 5);    // u3: b (0.2); u4: nothing
        GraphSnapshot s = b.build(1);
        // 4 documents (u4 has no learning); df(a) = 2, df(b) = 3
        double idfA = Math.log(5.0 / 3) + 1;
        double idfB = Math.log(5.0 / 4) + 1;
        double[] idf = InterestProfiles.idf(s);
        assertEquals(idfA, idf[s.topics().indexOf("a").getAsInt()], 1e-12);
        assertEquals(idfB, idf[s.topics().indexOf("b").getAsInt()], 1e-12);
        // u1: tf = (0.5, 0.5), so the unit vector is (idfA, idfB) / |(idfA, idfB)|
        double[] v = InterestProfiles.vector(s, 1, idf, new double[2]);
        double norm = Math.hypot(idfA, idfB);
        assertEquals(idfA / norm, v[s.topics().indexOf("a").getAsInt()], 1e-12);
        assertEquals(idfB / norm, v[s.topics().indexOf("b").getAsInt()], 1e-12);
        InterestProfiles.Result r = InterestProfiles.compute(s, new InterestProfiles.Parameters(2, 100, 50, 1));
        assertEquals(-1, r.group()[4], "no learning, no group");
        List<InterestProfiles.TopicWeight> top = InterestProfiles.topTopics(s, r, 1, 5);
        assertEquals("a", s.topics().ids()[top.get(0).topic()], "a's idf is higher");
        assertEquals(idfA / norm, top.get(0).weight(), 1e-12);
    }

    @Test
    void kMeansFindsTwoPlantedInterestGroups() {
        ProjectionBuilder b = builder(40, "a", "b", "c", "d");
        for (int c = 0; c < 4; c++) {
            b.addCourse(1000 + c, "c" + c, "C" + c, "free", -1);
            b.addCoverage(1000 + c, 2000 + c, 1.0);
        }
        for (int u = 0; u < 40; u++) {
            int first = u < 20 ? 0 : 2; // users 0-19 learn a and b, 20-39 c and d, in varying amounts
            b.addLearning(1 + u, 1000 + first, "COMPLETED", 1);
            b.addLearning(1 + u, 1000 + first + 1, u % 3 == 0 ? "VIEWED" : "ENROLLED", 2);
        }
        GraphSnapshot s = b.build(1);
        InterestProfiles.Result r = InterestProfiles.compute(s, new InterestProfiles.Parameters(2, 1000, 100, 7));
        for (int u = 1; u < 20; u++) {
            assertEquals(r.group()[0], r.group()[u]);
            assertEquals(r.group()[20], r.group()[20 + u]);
        }
        assertNotEquals(r.group()[0], r.group()[20]);
        assertEquals(20, r.sizes()[r.group()[0]]);
        assertEquals("a", s.topics().ids()[InterestProfiles.groupTopics(r, r.group()[0], 1).get(0).topic()]);
        assertEquals("c", s.topics().ids()[InterestProfiles.groupTopics(r, r.group()[20], 1).get(0).topic()]);
    }
}
