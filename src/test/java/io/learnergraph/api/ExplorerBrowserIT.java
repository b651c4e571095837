package io.learnergraph.api;

import io.learnergraph.ingest.GraphImporter;
import io.learnergraph.ingest.ImportProgress;
import io.learnergraph.ingest.ImportReport;
import io.learnergraph.support.Browser;
import io.learnergraph.support.GraphTestSupport;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The explorer clicked through as a growth analyst would, in Debian's chromium, on a hand-built
 * platform whose answers are known: two groups of six (Alpha, Beta), each following its leader
 * (a0, b0) and each other in a ring, one tie between them; Algebra required by Calculus; a1
 * completed Algebra I, so Calculus I is recommended to them through the prerequisite; a small
 * funnel in March. A failing test leaves a screenshot in {@code target/explorer-screenshots}.
 */
@MicronautTest
class ExplorerBrowserIT extends GraphTestSupport {

    private static final String VIEWER = "explorer-viewer-key-000000000001";
    private static final String ADMIN = "explorer-admin-key-0000000000001";

    @Inject
    EmbeddedServer server;
    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    GraphImporter importer;

    private Browser browser;

    @RegisterExtension
    final TestWatcher screenshotOnFailure = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            try {
                if (browser != null) {
                    browser.screenshot("FAILED-" + context.getRequiredTestMethod().getName());
                }
            } catch (Exception e) {
                cause.addSuppressed(e);
            }
        }
    };

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>(super.getProperties());
        p.put("learnergraph.security.enabled", "true");
        p.put("learnergraph.security.keys.viewer", VIEWER);
        p.put("learnergraph.security.keys.admin", ADMIN);
        return p;
    }

    @BeforeAll
    void platformAndBrowser() throws Exception {
        Path dir = newTempDir("explorer-platform");
        StringBuilder users = new StringBuilder("user_id,name,tier,joined_at\n");
        StringBuilder follows = new StringBuilder("follower_id,followee_id,at\n");
        for (String g : List.of("a", "b")) {
            String name = g.equals("a") ? "Alpha" : "Beta";
            for (int i = 0; i < 6; i++) {
                users.append(g).append(i).append(',').append(name).append(' ').append(i).append(',')
                        .append(i < 3 ? "free" : g.equals("a") ? "premium" : "basic").append(",2026-01-05\n");
                if (i > 0) {
                    follows.append(g).append(i).append(',').append(g).append("0,2026-01-10\n");
                    follows.append(g).append(i).append(',').append(g).append(i % 5 + 1).append(",2026-03-20\n");
                }
            }
        }
        follows.append("a5,b5,2026-03-25\n");
        Files.writeString(dir.resolve("users.csv"), users);
        Files.writeString(dir.resolve("follows.csv"), follows);
        Files.writeString(dir.resolve("topics.csv"), "topic_id,name\nt1,Algebra\nt2,Calculus\nt3,Drawing\n");
        Files.writeString(dir.resolve("topic_prerequisites.csv"), "topic_id,requires_topic_id\nt2,t1\n");
        Files.writeString(dir.resolve("courses.csv"), """
                course_id,title,creator_id,tier
                c1,Algebra I,a0,free
                c2,Calculus I,a0,free
                c3,Drawing,b0,free
                """);
        Files.writeString(dir.resolve("course_topics.csv"), "course_id,topic_id,weight\nc1,t1,1\nc2,t2,1\nc3,t3,1\n");
        Files.writeString(dir.resolve("learning.csv"), """
                user_id,course_id,type,at,value
                a1,c1,view,2026-03-01T10:00:00Z,60
                a1,c1,enroll,2026-03-01T10:05:00Z,
                a1,c1,complete,2026-03-10T10:00:00Z,
                a2,c1,view,2026-03-02T10:00:00Z,60
                a2,c1,enroll,2026-03-02T10:05:00Z,
                a3,c1,view,2026-03-03T10:00:00Z,60
                b1,c3,view,2026-03-04T10:00:00Z,60
                b1,c3,enroll,2026-03-04T10:05:00Z,
                b1,c3,complete,2026-03-12T10:00:00Z,
                b2,c3,view,2026-03-05T10:00:00Z,60
                """);
        ImportReport report = importer.importDirectory(dir, ImportProgress.NONE);
        assertTrue(report.complete() && report.totalRejected() == 0, report.toString());
        http.toBlocking().retrieve(HttpRequest.POST("/api/graph/refresh", "").header("X-API-Key", ADMIN), Map.class);
        browser = Browser.start();
    }

    @AfterAll
    void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    private String base() {
        return "http://127.0.0.1:" + server.getPort();
    }

    private Map<String, Object> api(String path) {
        return http.toBlocking().retrieve(HttpRequest.GET(path).header("X-API-Key", ADMIN),
                Argument.mapOf(String.class, Object.class));
    }

    /** Opens a view with the key already given in this tab (as after a login). */
    private void open(String hash, String key) {
        browser.driver.get(base() + "/explorer/");
        browser.js("sessionStorage.setItem('learnergraph.key', arguments[0])", key);
        browser.driver.get(base() + "/explorer/#" + hash);
        browser.driver.navigate().refresh();
    }

    private String bodyData(String name) {
        browser.wait.until(d -> browser.js("return document.body.dataset." + name) != null);
        return (String) browser.js("return document.body.dataset." + name);
    }

    private WebElement visible(By by) {
        return browser.wait.until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    private void textAppears(By by, String text) {
        browser.wait.until(d -> d.findElement(by).getText().contains(text));
    }

    private List<List<String>> rows(By table) {
        List<List<String>> out = new ArrayList<>();
        for (WebElement tr : browser.driver.findElement(table).findElements(By.cssSelector("tbody tr"))) {
            out.add(tr.findElements(By.tagName("td")).stream().map(WebElement::getText).toList());
        }
        return out;
    }

    @Test
    void aWrongKeyIsRefusedWithTheReasonAndTheRightOneOpensTheOverviewOfTheTwoGroups() throws Exception {
        browser.driver.get(base() + "/explorer/");
        browser.js("sessionStorage.clear()");
        browser.driver.navigate().refresh();
        visible(By.id("key")).sendKeys("not-a-key-at-all");
        browser.driver.findElement(By.cssSelector("#login-form button")).click();
        textAppears(By.id("login-error"), "not valid");
        assertTrue(browser.driver.findElement(By.id("login")).isDisplayed());
        browser.driver.findElement(By.id("key")).sendKeys(ADMIN);
        browser.driver.findElement(By.cssSelector("#login-form button")).click();
        assertEquals("2", bodyData("overviewNodes"), "Alpha and Beta: two communities of six");
        assertFalse(browser.driver.findElement(By.id("login")).isDisplayed());
        assertEquals(2, rows(By.cssSelector("#panel table")).size());
        for (List<String> row : rows(By.cssSelector("#panel table"))) {
            assertEquals("6", row.get(1), row.toString());
        }
        assertFalse(browser.driver.getCurrentUrl().contains(ADMIN), "never in the URL");
        assertTrue(browser.driver.manage().getCookies().isEmpty(), "never in a cookie");
        assertEquals(ADMIN, browser.js("return sessionStorage.getItem('learnergraph.key')"));
        assertEquals(List.of(), browser.seriousAccessibilityViolations(), "overview");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aCommunityShowsItsLeaderAsTheTopInfluencerAndItsMembers() throws Exception {
        Map<String, Object> alpha = null;
        for (Map<String, Object> n : (List<Map<String, Object>>) api("/api/explore/communities").get("nodes")) {
            if (api("/api/explore/communities/" + n.get("community")).toString().contains("user:a0")) {
                alpha = n;
            }
        }
        assertTrue(alpha != null, "a0's community is shown");
        open("view=community&id=" + alpha.get("community") + "&color=tier", ADMIN);
        textAppears(By.id("panel"), "Community #" + alpha.get("community"));
        textAppears(By.id("panel"), "6 members");
        List<List<String>> kols = rows(By.xpath("//aside[@id='panel']//h4[text()='Influencers']/following-sibling::table[1]"));
        assertEquals("Alpha 0", kols.get(0).get(0), "everyone in Alpha follows a0: " + kols);
        assertEquals("tier", new Select(browser.driver.findElement(By.cssSelector("select[name=color]")))
                .getFirstSelectedOption().getAttribute("value"));
        assertEquals(List.of(), browser.seriousAccessibilityViolations(), "community");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aUsersRecommendationShowsThePrerequisitePathAndDrawsItsNodes() throws Exception {
        open("view=user&id=a1", ADMIN);
        WebElement path = visible(By.cssSelector("#recommendations .path"));
        Map<String, Object> recs = api("/api/users/a1/recommendations");
        Map<String, Object> first = ((List<Map<String, Object>>) recs.get("items")).get(0);
        assertEquals("c2", first.get("courseId"), "Calculus I, through Algebra");
        Map<String, Object> reason = ((List<Map<String, Object>>) first.get("reasons")).get(0);
        assertEquals(reason.get("pathText"), path.getText());
        assertTrue(path.getText().startsWith("User a1") && path.getText().contains("Topic t1")
                && path.getText().contains("Topic t2") && path.getText().endsWith("Course c2"), path.getText());
        long nodes = ((List<Map<String, Object>>) reason.get("path")).stream().filter(st -> "node".equals(st.get("kind")))
                .count();
        assertEquals(String.valueOf(nodes), bodyData("pathNodes"), "every node of the path is drawn");
        textAppears(By.id("lifecycle-stage"), "Lifecycle stage: " + api("/api/users/a1/lifecycle").get("stage"));
        assertEquals(List.of(), browser.seriousAccessibilityViolations(), "user");
    }

    @Test
    void theFunnelByTierShowsTheCountsAndDownloadsExactlyThem() throws Exception {
        open("view=growth&tab=funnel&from=2026-02-01&to=2026-03-26", ADMIN);
        textAppears(By.id("content"), "Conversion");
        new Select(browser.driver.findElement(By.cssSelector("select[name=groupBy]"))).selectByValue("tier");
        browser.wait.until(d -> browser.driver.getCurrentUrl().contains("groupBy=tier"));
        browser.wait.until(d -> rows(By.id("data-table")).size() == 3);
        List<List<String>> table = rows(By.id("data-table"));
        // views: a1, a2, a3, b1, b2; enrolments a1, a2, b1 (free courses: no purchase needed); completions a1, b1
        assertEquals(List.of("all", "5", "3", "3", "2"), table.get(0));
        assertEquals(List.of("free", "4", "3", "3", "2"), table.get(1), "a1, a2, b1, b2 are free");
        assertEquals(List.of("premium", "1", "0", "0", "0"), table.get(2), "a3 only viewed");
        browser.driver.findElement(By.id("download")).click();
        browser.wait.until(d -> browser.js("return window.lastCsv") != null);
        assertEquals("group,view,enroll,purchase,complete\nall,5,3,3,2\nfree,4,3,3,2\npremium,1,0,0,0\n",
                browser.js("return window.lastCsv"));
        assertEquals(List.of(), browser.seriousAccessibilityViolations(), "growth");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aSavedQueryRunsFromItsFormAndCypherShowsNodesAsAGraph() throws Exception {
        open("view=analysts", ADMIN);
        WebElement form = visible(By.cssSelector("form.saved[data-query='creators-by-reach']"));
        form.findElement(By.cssSelector("button[type=submit]")).click();
        visible(By.cssSelector("#cypher-result table"));
        Map<String, Object> expected = http.toBlocking().retrieve(HttpRequest.POST(
                "/api/queries/creators-by-reach", Map.of()).header("X-API-Key", ADMIN),
                Argument.mapOf(String.class, Object.class));
        List<List<String>> shown = rows(By.cssSelector("#cypher-result table"));
        assertEquals(2, shown.size(), "a0 made two courses, b0 one: " + shown);
        assertEquals(((List<Object>) expected.get("rows")).size(), shown.size());
        browser.js("delete document.body.dataset.cypherNodes");
        browser.driver.findElement(By.id("run-cypher")).click();
        assertEquals("12", bodyData("cypherNodes"), "every user takes part in a follow");
        assertEquals(List.of(), browser.seriousAccessibilityViolations(), "analysts");
    }

    @Test
    void aViewersKeyHidesTheAnalystsCornerAndSaysWhatRecommendationsNeed() {
        open("view=user&id=a1", VIEWER);
        textAppears(By.id("panel"), "service role");
        assertFalse(browser.driver.findElement(By.cssSelector("a[data-view=analysts]")).isDisplayed());
        assertTrue(browser.driver.findElement(By.id("who")).getText().contains("viewer"));
    }

    @Test
    void searchThenExpandAndReplayAsOfADate() throws Exception {
        open("view=explore", ADMIN);
        visible(By.name("q")).sendKeys("Alpha 1", Keys.ENTER);
        visible(By.cssSelector("#results a")).click();
        // a1: follows a0 and a2, is followed by a5, took Algebra I
        assertEquals("5", bodyData("graphNodes"));
        textAppears(By.id("status"), "4 of 4 neighbours drawn");
        visible(By.cssSelector(".inspector button")).click();
        textAppears(By.id("status"), "neighbours drawn");
        assertEquals(List.of(), browser.seriousAccessibilityViolations(), "explore");
        // as of 2026-02-01 only the follow of a0 (January) existed
        open("view=explore&node=user%3Aa1&asOf=2026-02-01", ADMIN);
        assertEquals("2", bodyData("graphNodes"));
        textAppears(By.id("status"), "as of 2026-02-01");
    }
}
