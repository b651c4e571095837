package io.learnergraph.api;

import io.learnergraph.model.SavedQuery;
import io.learnergraph.model.CypherRows;
import io.learnergraph.api.security.Access;
import io.learnergraph.api.security.Role;
import io.learnergraph.service.AnalystQueryService;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.Map;

/**
 * Read-only Cypher for analysts, ad hoc and saved (cypher/queries/), under one guard
 * ({@link AnalystQueryService}): a write or escape attempt answers 403 and changes nothing.
 */
@Access(Role.ANALYST)
@Controller("/api")
@ExecuteOn(TaskExecutors.BLOCKING)
public class CypherController {

    @Serdeable
    public record CypherRequest(@Nullable String query, @Nullable Map<String, Object> params, @Nullable Integer limit,
                                @Nullable Long timeoutMs) {
    }

    @Serdeable
    public record SavedQueryRequest(@Nullable Map<String, Object> params, @Nullable Integer limit,
                                    @Nullable Long timeoutMs) {
    }

    @Serdeable
    public record CypherResult(List<String> columns, List<List<Object>> rows, boolean truncated, long elapsedMs) {
    }

    @Serdeable
    public record ParameterView(String name, String type, boolean required, Object defaultValue, String description) {
    }

    @Serdeable
    public record QueryView(String name, String description, List<ParameterView> parameters, String cypher) {
    }

    private final AnalystQueryService queries;

    public CypherController(AnalystQueryService queries) {
        this.queries = queries;
    }

    @Post("/cypher")
    public CypherResult run(@Body CypherRequest request) {
        return view(queries.run(request.query(), request.params(), request.limit(), request.timeoutMs()));
    }

    @Get("/queries")
    public List<QueryView> queries() {
        return queries.savedQueries().stream().map(CypherController::view).toList();
    }

    @Get("/queries/{name}")
    public QueryView query(@PathVariable String name) {
        return view(queries.savedQuery(name));
    }

    @Post("/queries/{name}")
    public CypherResult runSaved(@PathVariable String name, @Nullable @Body SavedQueryRequest request) {
        SavedQueryRequest r = request == null ? new SavedQueryRequest(null, null, null) : request;
        return view(queries.runSaved(name, r.params(), r.limit(), r.timeoutMs()));
    }

    private static CypherResult view(CypherRows rows) {
        return new CypherResult(rows.columns(), rows.rows(), rows.truncated(), rows.elapsedMs());
    }

    private static QueryView view(SavedQuery q) {
        return new QueryView(q.name(), q.description(), q.parameters().stream().map(p -> new ParameterView(p.name(),
                p.type(), p.required(), p.defaultValue(), p.description())).toList(), q.cypher());
    }
}
