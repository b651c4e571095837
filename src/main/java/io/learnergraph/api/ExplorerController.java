package io.learnergraph.api;

import io.learnergraph.analysis.explore.CommunityGraph;
import io.learnergraph.analysis.explore.Neighbourhood;
import io.learnergraph.api.security.Access;
import io.learnergraph.api.security.Role;
import io.learnergraph.service.ExplorerService;
import io.learnergraph.service.ExplorerViews;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/**
 * The graphs the visual explorer ({@code /explorer/}) draws: communities as one graph, one
 * community's members, one node's neighbourhood as of a date, and search.
 */
@Access(Role.VIEWER)
@Controller("/api/explore")
@ExecuteOn(TaskExecutors.BLOCKING)
public class ExplorerController {

    private final ExplorerService explorer;

    public ExplorerController(ExplorerService explorer) {
        this.explorer = explorer;
    }

    /** Communities of the default clustering as nodes, ties between them as edges; small ones as one node. */
    @Get("/communities")
    public ExplorerViews.Overview overview() {
        return explorer.overview();
    }

    /** A community's members of highest PageRank (at most {@code limit}) and the ties among them. */
    @Get("/communities/{id}")
    public ExplorerViews.CommunityGraph community(@PathVariable int id, @Nullable @QueryValue Integer limit) {
        return explorer.community(id, Params.limit(limit, CommunityGraph.DEFAULT_MEMBERS, CommunityGraph.MAX_MEMBERS));
    }

    /** The neighbours of a user, course or topic ({@code kind}: users, courses, topics), optionally as of a date. */
    @Get("/{kind}/{id}/neighbourhood")
    public ExplorerViews.Neighbourhood neighbourhood(@PathVariable String kind, @PathVariable String id,
                                                     @Nullable @QueryValue Integer limit,
                                                     @Nullable @QueryValue String asOf) {
        return explorer.neighbourhood(ExplorerService.Kind.parse(kind), id,
                Params.limit(limit, Neighbourhood.DEFAULT_LIMIT, Neighbourhood.MAX_LIMIT), asOf);
    }

    /** Users, courses and topics by id or name. */
    @Get("/search")
    public ExplorerViews.SearchResult search(@Nullable @QueryValue String q, @Nullable @QueryValue Integer limit) {
        return explorer.search(q, Params.limit(limit, ExplorerService.DEFAULT_HITS, ExplorerService.MAX_HITS));
    }
}
