package io.learnergraph.config;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * {@code learnergraph.recommendations.fit.*}: the blend learnt from the platform's own history
 * ({@code GET /api/recommendations/model}).
 *
 * @param enabled             fit at start and after refreshes; off: the configured weights always
 * @param holdoutDays         the last this many days before the latest event are the truth
 * @param users               users sampled for the fit (half fit, half validation)
 * @param minUsers            fewer users with something taken in the window: keep the configured weights
 * @param candidatesPerSource each source's own top list kept per user
 * @param refitEveryMinutes   refit on a new snapshot at most this often (0: only at start and on demand)
 * @param inBackground        fit at start and on new snapshots by itself; false: only on demand
 *                            ({@code POST /api/recommendations/model/fit}), as the CLI's evaluations do
 */
@ConfigurationProperties("learnergraph.recommendations.fit")
public record BlendFitSettings(boolean enabled, int holdoutDays, int users, int minUsers, int candidatesPerSource,
                               int refitEveryMinutes, boolean inBackground) {

    public BlendFitSettings {
        if (holdoutDays < 1 || holdoutDays > 365 || users < 2 || minUsers < 2 || candidatesPerSource < 10
                || candidatesPerSource > 200 || refitEveryMinutes < 0) {
            throw new IllegalArgumentException("learnergraph.recommendations.fit: holdout-days must be 1..365, users "
                    + "and min-users >= 2, candidates-per-source 10..200, refit-every-minutes >= 0");
        }
    }
}
