package io.learnergraph.cli;

import io.learnergraph.LearnerGraphException;
import io.micronaut.context.ApplicationContext;

/** Starts the application context without the HTTP server, for one-shot commands. */
final class Contexts {

    private Contexts() {
    }

    static ApplicationContext withoutServer() {
        try {
            return ApplicationContext.builder().deduceEnvironment(false).start();
        } catch (RuntimeException e) {
            Throwable t = e;
            while (t != null && !(t instanceof LearnerGraphException)) {
                t = t.getCause();
            }
            throw t != null ? (LearnerGraphException) t : e;
        }
    }
}
