package io.learnergraph.service;

import io.learnergraph.LearnerGraphException;
import io.learnergraph.config.AnalyticsSettings;
import jakarta.inject.Singleton;

/**
 * The privacy floor ({@code learnergraph.analytics.small-community-floor}): a group of fewer
 * members than this is never shown on its own (no profile, no member list, no row of its own in
 * a growth view: it is counted with the other small groups), so that an answer about a group
 * cannot be an answer about a handful of people. The one place the rule is applied.
 */
@Singleton
public class PrivacyFloor {

    /** The key of the one row that counts every group below the floor. */
    public static final String SMALL_GROUPS = "small groups";

    private final int minimum;

    public PrivacyFloor(AnalyticsSettings settings) {
        this.minimum = settings.smallCommunityFloor();
    }

    /** The smallest group shown on its own. */
    public int minimum() {
        return minimum;
    }

    /** Whether a group of {@code members} may be shown on its own. */
    public boolean showsAlone(long members) {
        return members >= minimum;
    }

    /**
     * Checks that {@code community} (from request parameter {@code parameter}, or the path when
     * null) names a community of {@code members} that may be shown on its own: a 404 otherwise,
     * the same whether it does not exist or is below the floor's reach but for the message.
     */
    public void requireShown(String parameter, long community, long members, String clustering) {
        if (members <= 0) {
            throw new LearnerGraphException.NotFound(parameter, "no community " + community + " in the "
                    + clustering + " clustering");
        }
        if (!showsAlone(members)) {
            throw new LearnerGraphException.NotFound(parameter, "community " + community + " has " + members
                    + " members, below the privacy floor of " + minimum + ": it is not shown on its own");
        }
    }
}
