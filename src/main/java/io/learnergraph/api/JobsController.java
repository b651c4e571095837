package io.learnergraph.api;

import io.learnergraph.api.security.Access;
import io.learnergraph.api.security.Role;
import io.learnergraph.LearnerGraphException;
import io.learnergraph.analysis.Progress;
import io.learnergraph.analysis.graph.GraphSnapshot;
import io.learnergraph.service.AnalyticsService;
import io.learnergraph.service.CentralityMeasure;
import io.learnergraph.service.CommunityAlgorithm;
import io.learnergraph.service.JobService;
import io.learnergraph.service.SnapshotService;
import io.learnergraph.service.WriteBackService;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /api/jobs {type, parameters}} starts long work; {@code GET /api/jobs/{id}}
 * reports it; {@code DELETE /api/jobs/{id}} cancels it. Types: communities (algorithm,
 * resolution, seed), centrality (measure, sources), refresh, write-back.
 */
@Access(Role.ADMIN)
@Controller("/api/jobs")
@ExecuteOn(TaskExecutors.BLOCKING)
public class JobsController {

    @Serdeable
    public record JobRequest(String type, @Nullable Map<String, String> parameters) {
    }

    private final JobService jobs;
    private final AnalyticsService analytics;
    private final SnapshotService snapshots;
    private final WriteBackService writeBack;

    public JobsController(JobService jobs, AnalyticsService analytics, SnapshotService snapshots,
                          WriteBackService writeBack) {
        this.jobs = jobs;
        this.analytics = analytics;
        this.snapshots = snapshots;
        this.writeBack = writeBack;
    }

    @Post
    public HttpResponse<JobService.Job> start(@Body JobRequest request) {
        Map<String, String> p = request.parameters() == null ? Map.of() : request.parameters();
        String type = request.type() == null ? "" : request.type();
        JobService.Job job = switch (type) {
            case "communities" -> {
                CommunityAlgorithm algorithm = CommunityAlgorithm.parse(p.getOrDefault("algorithm", "leiden"));
                double resolution = number(p, "resolution", AnalyticsService.RESOLUTION_DEFAULT);
                long seed = (long) number(p, "seed", AnalyticsService.SEED_DEFAULT);
                yield jobs.submit(type, p, progress -> {
                    GraphSnapshot s = analytics.snapshot();
                    progress.accept(0.1);
                    // the profiles rank members by PageRank
                    Progress.reporting(Progress.range(progress, 0.1, 0.3),
                            () -> analytics.centrality(s, CentralityMeasure.PAGERANK, new int[0]));
                    AnalyticsService.CommunityRun run = Progress.reporting(Progress.range(progress, 0.3, 0.95),
                            () -> analytics.communities(s, algorithm, resolution, seed));
                    return summary("modularity", run.result().modularity(), "communityCount",
                            run.result().partition().count(), "snapshotVersion", run.version());
                });
            }
            case "centrality" -> {
                CentralityMeasure measure = CentralityMeasure.parse(p.getOrDefault("measure", "pagerank"));
                GraphSnapshot s = analytics.snapshot(); // the sources' dense ids are this snapshot's
                int[] sources = analytics.userIndexes(s, Params.list(p.get("sources")), "sources");
                yield jobs.submit(type, p, progress -> {
                    progress.accept(0.1);
                    AnalyticsService.CentralityRun run = Progress.reporting(Progress.range(progress, 0.1, 0.95),
                            () -> analytics.centrality(s, measure, sources));
                    return summary("method", run.method(), "seconds", run.seconds(), "snapshotVersion", run.version());
                });
            }
            case "refresh" -> jobs.submit(type, p, progress -> summary("snapshotVersion", snapshots.refresh().version()));
            case "write-back" -> jobs.submit(type, p, progress -> {
                WriteBackService.Report r = writeBack.writeBack(analytics.snapshot(), progress);
                return summary("users", r.users(), "writeSeconds", r.writeSeconds());
            });
            default -> throw new LearnerGraphException.InvalidInput("type", "unknown job type '" + type
                    + "' (allowed: communities, centrality, refresh, write-back)");
        };
        return HttpResponse.status(HttpStatus.ACCEPTED).body(job);
    }

    @Access(Role.VIEWER)
    @Get("/{id}")
    public JobService.Job get(@PathVariable String id) {
        return jobs.find(id).orElseThrow(() -> new LearnerGraphException.NotFound("no job '" + id + "'"));
    }

    @Delete("/{id}")
    public JobService.Job cancel(@PathVariable String id) {
        return jobs.cancel(id);
    }

    private static double number(Map<String, String> p, String key, double defaultValue) {
        String v = p.get(key);
        if (v == null) {
            return defaultValue;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new LearnerGraphException.InvalidInput(key, key + " must be a number, was '" + v + "'");
        }
    }

    private static Map<String, Object> summary(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
