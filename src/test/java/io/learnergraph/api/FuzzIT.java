package io.learnergraph.api;

import io.learnergraph.ingest.GraphImporter;
import io.learnergraph.ingest.ImportProgress;
import io.learnergraph.support.GraphTestSupport;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Malformed, oversized, wrongly typed and boundary inputs against every endpoint: never a 5xx,
 * and every error is a problem body. Deterministic (seeded), so a failure reproduces.
 */
@MicronautTest
class FuzzIT extends GraphTestSupport {

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    GraphImporter importer;

    private static final List<String> WEIRD = List.of("", "-1", "0", "1", "201", "99999999999999999999", "abc", "1e3",
            "NaN", "Infinity", "-0", "0x10", "%00", "null", "true", "[]", "{}", "' OR 1=1 --", "u1", "c1", "ml",
            "ü\u200Bx", "../../etc/passwd", "a".repeat(5000), "knowledge:abc", "knowledge:1e400,social:-1", ":::",
            "leiden", "PAGERANK", "blend", "1,2,3", ",,,", "u1,u1,u1");
    private static final List<String> GETS = List.of("/api/stats", "/api/communities?algorithm=%s&resolution=%s&limit=%s",
            "/api/communities/%s?limit=%s&offset=%s", "/api/communities/assignments?algorithm=%s&seed=%s",
            "/api/influencers?measure=%s&limit=%s&community=%s", "/api/influencers?measure=personalized_pagerank&sources=%s",
            "/api/users/%s", "/api/users/%s/recommendations?limit=%s&strategy=%s&weights=%s",
            "/api/users/u3/recommendations?diversity=%s&beta=%s&includeGated=%s&explain=%s", "/api/users/%s/upgrade",
            "/api/users/%s/learning-path?topic=%s", "/api/courses/%s/similar?limit=%s", "/api/graph/projection",
            "/api/jobs/%s", "/api/queries", "/api/queries/%s", "/api/churn/model", "/api/churn/scores",
            "/api/churn/risk?limit=%s&community=%s&tier=%s&minRisk=%s", "/api/churn/risk?influencersOnly=%s",
            "/api/users/%s/churn", "/api/engagement?window=%s&groupBy=%s&asOf=%s",
            "/api/funnels?from=%s&to=%s&groupBy=%s&limit=%s", "/api/cohorts?period=%s&groupBy=%s&from=%s&to=%s",
            "/api/courses/%s", "/api/courses?sort=%s&topic=%s&tier=%s&limit=%s", "/api/lifecycle?asOf=%s&groupBy=%s",
            "/api/lifecycle/transitions?from=%s&to=%s", "/api/users/%s/win-back?limit=%s",
            "/api/leaderboards?community=%s&window=%s&limit=%s&asOf=%s", "/api/explore/communities",
            "/api/explore/communities/%s?limit=%s", "/api/explore/%s/%s/neighbourhood?limit=%s&asOf=%s",
            "/api/explore/users/%s/neighbourhood?asOf=%s", "/api/explore/courses/%s/neighbourhood?limit=%s",
            "/api/explore/topics/%s/neighbourhood", "/api/explore/search?q=%s&limit=%s", "/api/session", "/api/users/%s/lifecycle", "/api/recommendations/model");
    private static final List<String> POSTS = List.of("/api/events", "/api/cypher", "/api/queries/course-funnel",
            "/api/recommendations/batch", "/api/jobs");
    private static final List<String> BODIES = List.of("{", "[", "", "null", "42", "\"text\"", "{\"query\": 5}",
            "{\"query\": \"MATCH (n) RETURN n\", \"limit\": \"many\"}", "{\"query\": \"RETURN 1\", \"timeoutMs\": 1e30}",
            "{\"query\": \"RETURN $x\", \"params\": 7}", "{\"userIds\": \"u1\"}", "{\"userIds\": [1, null, {}]}",
            "{\"userIds\": [\"u1\"], \"limit\": 0}", "{\"userIds\": [\"u1\"], \"strategy\": \"x\"}",
            "{\"params\": {\"course\": [1, 2]}}", "{\"params\": {\"course\": null}}", "{\"type\": \"communities\", "
                    + "\"parameters\": {\"resolution\": -1}}", "{\"type\": 5}", "[{\"kind\": \"follow\"}]",
            "[{\"kind\": \"learning\", \"user_id\": \"u1\", \"course_id\": \"c1\", \"type\": \"rate\", \"at\": \"x\"}]",
            "[1, 2, 3]", "{\"a\": " + "[".repeat(2000) + "]".repeat(2000) + "}", "\u0000\u0001\u0002");

    @BeforeAll
    void importSample() {
        importer.importDirectory(copyOf(sampleDir()), ImportProgress.NONE);
    }

    private String weird(SplittableRandom r) {
        return URLEncoder.encode(WEIRD.get(r.nextInt(WEIRD.size())), StandardCharsets.UTF_8);
    }

    /** The status, after checking an error carries a problem body; a 5xx or a bare error fails. */
    private int send(MutableHttpRequest<?> request, List<String> failures) {
        String what = request.getMethod() + " " + request.getUri();
        try {
            HttpResponse<String> ok = http.toBlocking().exchange(request, Argument.of(String.class), Argument.of(String.class));
            return ok.code();
        } catch (HttpClientResponseException e) {
            int status = e.getStatus().getCode();
            String type = e.getResponse().getContentType().map(MediaType::toString).orElse("");
            if (status >= 500) {
                failures.add(status + " " + what + ": " + e.getResponse().getBody(String.class).orElse(""));
            } else if (!type.startsWith(Problem.MEDIA_TYPE)) {
                failures.add("not a problem body (" + type + ") for " + status + " " + what);
            }
            return status;
        }
    }

    @Test
    void noInputMakesA5xxAndEveryErrorIsAProblem() {
        SplittableRandom r = new SplittableRandom(20261125);
        List<String> failures = new ArrayList<>();
        int sent = 0;
        for (int round = 0; round < 12; round++) {
            for (String template : GETS) {
                Object[] args = new Object[4];
                for (int i = 0; i < args.length; i++) {
                    args[i] = weird(r);
                }
                send(HttpRequest.GET(String.format(template, args)), failures);
                sent++;
            }
        }
        for (int round = 0; round < 12; round++) {
            send(HttpRequest.POST(String.format("/api/churn/train?asOf=%s&horizonDays=%s&async=%s", weird(r), weird(r),
                    weird(r)), ""), failures);
            sent++;
        }
        for (String uri : POSTS) {
            for (String body : BODIES) {
                send(HttpRequest.POST(uri, body).contentType(MediaType.APPLICATION_JSON_TYPE), failures);
                sent++;
            }
            send(HttpRequest.POST(uri, "query=1").contentType(MediaType.TEXT_PLAIN_TYPE), failures);
            send(HttpRequest.create(HttpMethod.PUT, uri).body("{}").contentType(MediaType.APPLICATION_JSON_TYPE), failures);
            sent += 2;
        }
        for (String uri : List.of("/api/users/nobody", "/api/jobs/nothing", "/api/users/" + "x".repeat(3000))) {
            send(HttpRequest.DELETE(uri), failures);
            sent++;
        }
        assertTrue(sent > 300, "sent " + sent);
        assertEquals(List.of(), failures);
    }

    @Test
    void statusCodesOfTheErrorContract() {
        List<String> failures = new ArrayList<>();
        assertEquals(400, send(HttpRequest.POST("/api/cypher", "{").contentType(MediaType.APPLICATION_JSON_TYPE), failures));
        assertEquals(415, send(HttpRequest.POST("/api/cypher", "RETURN 1").contentType(MediaType.TEXT_PLAIN_TYPE), failures));
        assertEquals(405, send(HttpRequest.create(HttpMethod.PUT, "/api/stats"), failures));
        assertEquals(404, send(HttpRequest.GET("/api/no/such/route"), failures));
        String big = "[" + "\"x\",".repeat(3_000_000) + "\"x\"]";
        assertEquals(413, send(HttpRequest.POST("/api/events", big).contentType(MediaType.APPLICATION_JSON_TYPE), failures));
        assertEquals(List.of(), failures);
    }
}
