package io.learnergraph.store;

import io.learnergraph.model.CypherRows;
import io.learnergraph.LearnerGraphException;
import io.learnergraph.config.CypherSettings;
import jakarta.inject.Singleton;
import org.neo4j.driver.Record;
import org.neo4j.driver.Result;
import org.neo4j.driver.Session;
import org.neo4j.driver.Transaction;
import org.neo4j.driver.TransactionConfig;
import org.neo4j.driver.exceptions.ClientException;
import org.neo4j.driver.exceptions.Neo4jException;
import org.neo4j.driver.exceptions.ServiceUnavailableException;
import org.neo4j.driver.exceptions.SessionExpiredException;
import org.neo4j.driver.summary.Plan;
import org.neo4j.driver.summary.QueryType;
import org.neo4j.driver.summary.ResultSummary;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs analysts' Cypher without letting it change or leave the graph. Four independent fences:
 * <ol>
 *   <li>the statement must begin (after comments) with a reading clause: MATCH, OPTIONAL MATCH,
 *   WITH, UNWIND, RETURN or CALL, which shuts out EXPLAIN/PROFILE prefixes, USE, LOAD CSV, schema,
 *   administration and transaction commands before Neo4j parses anything;</li>
 *   <li>Neo4j plans it with EXPLAIN: the query type must be read-only, and the plan may not load
 *   CSV, commit on its own ({@code CALL { } IN TRANSACTIONS}) or call a procedure outside the
 *   configured allowlist;</li>
 *   <li>it then runs in a READ access-mode transaction, which the server refuses to write in;</li>
 *   <li>embedded Neo4j loads no procedure outside {@code dbms.security.procedures.allowlist} and
 *   refuses file URLs in LOAD CSV.</li>
 * </ol>
 * Every run has a transaction timeout (clamped to the configured maximum) and a row cap.
 */
@Singleton
public class ReadOnlyCypher {


    private static final Set<String> FIRST_KEYWORDS = Set.of("MATCH", "OPTIONAL", "WITH", "UNWIND", "RETURN", "CALL");
    private static final Set<String> FORBIDDEN_OPERATORS = Set.of("loadcsv", "transactionapply",
            "transactionforeach");
    private static final Pattern FIRST_WORD = Pattern.compile("^[A-Za-z]+");

    private final Neo4jStore store;
    private final CypherSettings settings;

    public ReadOnlyCypher(Neo4jStore store, CypherSettings settings) {
        this.store = store;
        this.settings = settings;
    }

    public CypherSettings settings() {
        return settings;
    }

    /**
     * @param limit     rows to return (null: the default; more than the maximum is clamped)
     * @param timeoutMs transaction timeout (null or 0: the default; above the maximum: clamped)
     */
    public CypherRows run(String query, Map<String, Object> params, Integer limit, Long timeoutMs) {
        if (query == null || query.isBlank()) {
            throw new LearnerGraphException.InvalidInput("query", "query is required");
        }
        if (query.length() > settings.maxQueryLength()) {
            throw new LearnerGraphException.InvalidInput("query", "query is " + query.length()
                    + " characters; the limit is " + settings.maxQueryLength());
        }
        if (limit != null && limit < 1) {
            throw new LearnerGraphException.InvalidInput("limit", "limit must be >= 1, was " + limit);
        }
        if (timeoutMs != null && timeoutMs < 0) {
            throw new LearnerGraphException.InvalidInput("timeoutMs", "timeoutMs must be >= 0, was " + timeoutMs);
        }
        int rowCap = limit == null ? settings.defaultLimit() : Math.min(limit, settings.maxLimit());
        long timeout = timeoutMs == null || timeoutMs == 0 ? settings.defaultTimeoutMs()
                : Math.min(timeoutMs, settings.maxTimeoutMs());
        Map<String, Object> p = params == null ? Map.of() : params;
        checkFirstClause(query);
        long t0 = System.nanoTime();
        try (Session session = store.driver().session(store.readOnlySessionConfig())) {
            checkPlan(session, query, p, timeout);
            try (Transaction tx = session.beginTransaction(TransactionConfig.builder()
                    .withTimeout(Duration.ofMillis(timeout)).build())) {
                Result result = tx.run(query, p);
                List<String> columns = result.keys();
                List<List<Object>> rows = new ArrayList<>();
                boolean truncated = false;
                while (result.hasNext()) {
                    Record r = result.next();
                    if (rows.size() == rowCap) {
                        truncated = true;
                        break;
                    }
                    List<Object> row = new ArrayList<>(r.size());
                    r.values().forEach(v -> row.add(CypherValues.toJson(v)));
                    rows.add(row);
                }
                tx.rollback(); // nothing to keep: it was read-only, and this makes sure
                return new CypherRows(columns, rows, truncated, (System.nanoTime() - t0) / 1_000_000);
            }
        } catch (ServiceUnavailableException | SessionExpiredException e) {
            throw new LearnerGraphException.DatabaseUnavailable("Neo4j is unreachable: " + e.getMessage(), e);
        } catch (Neo4jException e) {
            throw translate(e, timeout);
        }
    }

    /** The first clause, after comments and whitespace, must be a reading one. */
    static void checkFirstClause(String query) {
        String body = stripLeadingComments(query);
        Matcher m = FIRST_WORD.matcher(body);
        String word = m.find() ? m.group().toUpperCase(Locale.ROOT) : "";
        if (!FIRST_KEYWORDS.contains(word)) {
            throw new LearnerGraphException.Forbidden("analyst queries are read-only and must start with MATCH, "
                    + "OPTIONAL MATCH, WITH, UNWIND, RETURN or CALL; this one starts with '"
                    + (word.isEmpty() ? body.substring(0, Math.min(12, body.length())) : word) + "'");
        }
    }

    static String stripLeadingComments(String query) {
        String s = query;
        while (true) {
            s = s.stripLeading();
            if (s.startsWith("//")) {
                int nl = s.indexOf('\n');
                s = nl < 0 ? "" : s.substring(nl + 1);
            } else if (s.startsWith("/*")) {
                int end = s.indexOf("*/");
                s = end < 0 ? "" : s.substring(end + 2);
            } else {
                return s;
            }
        }
    }

    private void checkPlan(Session session, String query, Map<String, Object> params, long timeout) {
        ResultSummary summary = session.run("EXPLAIN " + query, params,
                TransactionConfig.builder().withTimeout(Duration.ofMillis(timeout)).build()).consume();
        if (summary.queryType() != QueryType.READ_ONLY) {
            throw new LearnerGraphException.Forbidden("the query would write (Neo4j plans it as "
                    + summary.queryType() + "); analyst queries are read-only");
        }
        if (summary.hasPlan()) {
            checkOperators(summary.plan());
        }
    }

    private void checkOperators(Plan plan) {
        String operator = plan.operatorType().toLowerCase(Locale.ROOT);
        String base = operator.contains("@") ? operator.substring(0, operator.indexOf('@')) : operator;
        if (FORBIDDEN_OPERATORS.contains(base)) {
            throw new LearnerGraphException.Forbidden(switch (base) {
                case "loadcsv" -> "LOAD CSV is not allowed in analyst queries: they may not read files or URLs";
                default -> "CALL { } IN TRANSACTIONS is not allowed: it commits on its own";
            });
        }
        if (base.equals("procedurecall") || base.equals("procedurecallrowprocessing")) {
            String details = String.valueOf(plan.arguments().get("Details"));
            String name = details.replace("\"", "").strip();
            int paren = name.indexOf('(');
            name = (paren < 0 ? name : name.substring(0, paren)).strip();
            if (!settings.allowedProcedures().contains(name)) {
                throw new LearnerGraphException.Forbidden("procedure '" + name + "' is not allowed in analyst queries;"
                        + " allowed: " + String.join(", ", settings.allowedProcedures()));
            }
        }
        plan.children().forEach(this::checkOperators);
    }

    private static LearnerGraphException translate(Neo4jException e, long timeout) {
        String code = e.code() == null ? "" : e.code();
        if (code.contains("TransactionTimedOut") || code.contains("Transaction.Terminated")
                && String.valueOf(e.getMessage()).contains("timeout")) {
            return new LearnerGraphException.Timeout("the query ran past its " + timeout
                    + " ms limit (timeoutMs; the maximum is configured in learnergraph.cypher.max-timeout-ms)", e);
        }
        if (code.contains("AccessMode") || code.contains("Forbidden")) {
            return new LearnerGraphException.Forbidden("Neo4j refused it in a read-only transaction: " + e.getMessage());
        }
        if (e instanceof ClientException) {
            return new LearnerGraphException.InvalidInput("query", e.getMessage() + " (" + code + ")");
        }
        return new LearnerGraphException.DatabaseUnavailable("Neo4j failed to run the query: " + e.getMessage()
                + " (" + code + ")", e);
    }
}
