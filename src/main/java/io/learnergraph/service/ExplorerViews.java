package io.learnergraph.service;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.Map;

/** What the explorer's endpoints answer ({@code /api/explore/...}), built by {@link ExplorerService}. */
public final class ExplorerViews {

    private ExplorerViews() {
    }

    /**
     * A node as the explorer draws and styles it. {@code key} is {@code kind:id}, unique across
     * kinds. User fields are null on courses and topics and the other way round; {@code churnRisk}
     * is null when no churn model is trained or the user is not active.
     */
    @Serdeable
    public record Node(String key, String kind, String id, String label, @Nullable Integer community,
                       @Nullable Double pagerank, @Nullable String tier, @Nullable Double churnRisk,
                       @Nullable String lastActiveAt, @Nullable Integer learners) {
    }

    /**
     * A tie between two drawn nodes; {@code direction} is {@code forward} (source acted on, covers
     * or requires target), {@code backward} or {@code both}.
     */
    @Serdeable
    public record Edge(String source, String target, List<String> types, String direction, int events,
                       @Nullable String firstAt, @Nullable String lastAt, double weight) {
    }

    /**
     * One node's neighbours, capped at {@code limit}: {@code more} were left out (the best-ranked
     * of each kind are kept); {@code until} is the latest event of the data (what "as of" can go back from).
     */
    @Serdeable
    public record Neighbourhood(Node centre, List<Node> nodes, List<Edge> edges, int total, int limit, int more,
                                @Nullable String asOf, @Nullable String until, long snapshotVersion) {
    }

    /** A community (or, with {@code community} null, every community below the privacy floor). */
    @Serdeable
    public record CommunityNode(String key, @Nullable Integer community, int size, double churnedShare,
                                Map<String, Double> tierMix, double engagement, double growth,
                                List<String> topTopics) {
    }

    @Serdeable
    public record CommunityEdge(String source, String target, double weight, int pairs) {
    }

    /**
     * @param growth      share of members who joined in the last {@code windowDays}
     * @param engagement  mean engagement score over the last {@code windowDays} (GET /api/engagement)
     */
    @Serdeable
    public record Overview(String algorithm, int floor, int smallCommunities, int windowDays, @Nullable String asOf,
                           List<CommunityNode> nodes, List<CommunityEdge> edges, long snapshotVersion) {
    }

    @Serdeable
    public record CommunityGraph(int community, int members, int limit, List<Node> nodes, List<Edge> edges,
                                 long snapshotVersion) {
    }

    @Serdeable
    public record Hit(String key, String kind, String id, String label, String match) {
    }

    @Serdeable
    public record SearchResult(String q, List<Hit> hits, long snapshotVersion) {
    }
}
