package io.learnergraph.config;

import io.micronaut.context.annotation.ConfigurationProperties;

/** {@code learnergraph.demo.*}: the demo platform loaded into an empty database on start. */
@ConfigurationProperties("learnergraph.demo")
public record DemoSettings(boolean loadWhenEmpty, int users, long seed) {
}
