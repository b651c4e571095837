package io.learnergraph.config;

import io.micronaut.context.annotation.Context;

/**
 * Binds every settings record when the application starts, so a bad value (each record validates
 * itself in its constructor) stops the start with a message naming the key, rather than failing
 * the first request that happens to need it.
 */
@Context
public final class SettingsCheck {

    @SuppressWarnings("unused") // binding them is the check
    public SettingsCheck(LearnerGraphSettings app, Neo4jSettings neo4j, WeightSettings weights,
                         AnalyticsSettings analytics, RecommendationSettings recommendations, ChurnSettings churn,
                         GrowthSettings growth, LiveSettings live, ImportSettings imports, CypherSettings cypher,
                         DemoSettings demo, SecuritySettings security, BlendFitSettings blendFit) {
    }
}
