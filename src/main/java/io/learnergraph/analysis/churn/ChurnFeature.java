package io.learnergraph.analysis.churn;

/**
 * The features of the churn model, each with the name the API uses and a sentence a growth
 * team can read. Counts are log(1 + x): a user with 200 events is not 100 times as engaged as one
 * with 2. Windows end at the cutoff; nothing after it is read.
 */
public enum ChurnFeature {
    // engagement
    RECENCY_DAYS("recencyDays", "days since the last activity", false),
    OVERDUE("overdue", "silence against their usual rhythm: days since last active over their usual gap (log)", false),
    EVENTS_7D("events7d", "activity in the last 7 days", false),
    EVENTS_30D("events30d", "activity in the last 30 days", false),
    EVENTS_90D("events90d", "activity in the last 90 days", false),
    LEARNING_HOURS_7D("learningHours7d", "learning time in the last 7 days", false),
    LEARNING_HOURS_30D("learningHours30d", "learning time in the last 30 days", false),
    LEARNING_HOURS_90D("learningHours90d", "learning time in the last 90 days", false),
    ACTIVE_DAYS_30D("activeDays30d", "days with activity in the last 30", false),
    ACTIVITY_TREND("activityTrend", "activity trend: last 30 days against the 30 before", false),
    COMPLETIONS_90D("completions90d", "courses completed in the last 90 days", false),
    RATINGS_90D("ratings90d", "ratings given in the last 90 days", false),
    TENURE_DAYS("tenureDays", "time since joining", false),
    TIER_RANK("tierRank", "membership tier (0 = lowest)", false),
    DOWNGRADES_90D("downgrades90d", "membership downgrades in the last 90 days", false),
    UPGRADES_90D("upgrades90d", "membership upgrades in the last 90 days", false),
    TOPIC_BREADTH("topicBreadth", "distinct topics of the courses taken", false),
    // graph
    FOLLOWING("following", "users followed", true),
    FOLLOWERS("followers", "followers", true),
    INTERACTIONS_GIVEN("interactionsGiven", "comments, likes, tips... given", true),
    INTERACTIONS_RECEIVED("interactionsReceived", "comments, likes, tips... received", true),
    RECIPROCITY("reciprocity", "share of the people they reach who reach back", true),
    CLUSTERING("clustering", "local clustering coefficient (friends who know each other)", true),
    CORENESS("coreness", "k-core number (depth in the social core)", true),
    PAGERANK("pagerank", "influence (PageRank relative to the average)", true),
    COMMUNITY_SIZE("communitySize", "size of their community", true),
    COMMUNITY_QUIET_SHARE("communityQuietShare", "share of their community that has gone quiet", true),
    FOLLOWED_QUIET_SHARE("followedQuietShare", "share of the users they follow who have gone quiet", true),
    FOLLOWED_QUIET_14D_SHARE("followedQuiet14dShare", "share of the users they follow with no activity in 14 days", true),
    FOLLOWED_IDLE_DAYS("followedIdleDays", "mean days since the users they follow were last active", true),
    PARTNERS_QUIET_SHARE("partnersQuietShare", "share of their interaction partners who have gone quiet", true),
    EGO_ACTIVITY_TREND("egoActivityTrend", "activity of their network: last 30 days against the 30 before", true),
    FOLLOWED_CREATORS_QUIET_SHARE("followedCreatorsQuietShare", "share of the creators they follow who have gone quiet", true);

    private final String key;
    private final String label;
    private final boolean graph;

    ChurnFeature(String key, String label, boolean graph) {
        this.key = key;
        this.label = label;
        this.graph = graph;
    }

    public String key() {
        return key;
    }

    public String label() {
        return label;
    }

    /** Whether the feature reads the social graph (dropped for the "without graph features" model). */
    public boolean isGraph() {
        return graph;
    }
}
