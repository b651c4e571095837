package io.learnergraph;

/**
 * The one unchecked root of every error LearnerGraph raises on purpose. The API layer maps each
 * subclass to one HTTP status and a problem body; the command line prints the message.
 */
public abstract class LearnerGraphException extends RuntimeException {

    protected LearnerGraphException(String message) {
        super(message);
    }

    protected LearnerGraphException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A request parameter or input value is not acceptable. */
    public static final class InvalidInput extends LearnerGraphException {
        private final String parameter;

        public InvalidInput(String parameter, String message) {
            super(message);
            this.parameter = parameter;
        }

        public InvalidInput(String parameter, String message, Throwable cause) {
            super(message, cause);
            this.parameter = parameter;
        }

        public String parameter() {
            return parameter;
        }
    }

    /**
     * A named thing (user, course, topic, community, job, ...) does not exist, or may not be shown
     * (a community below the privacy floor). One rule everywhere: an id that names nothing is a
     * 404, whether it came in the path or a query parameter (then {@link #parameter} names it); a
     * value that is malformed or outside a fixed set is an {@link InvalidInput}, a 400.
     */
    public static final class NotFound extends LearnerGraphException {
        private final String parameter;

        public NotFound(String message) {
            this(null, message);
        }

        public NotFound(String parameter, String message) {
            super(message);
            this.parameter = parameter;
        }

        /** The query parameter that carried the id, or null when it was in the path. */
        public String parameter() {
            return parameter;
        }
    }

    /** The request is valid but the graph's state does not allow it (no model yet, a cycle...). */
    public static final class Conflict extends LearnerGraphException {
        public Conflict(String message) {
            super(message);
        }
    }

    /** Neo4j cannot be reached or refused to start. */
    public static final class DatabaseUnavailable extends LearnerGraphException {
        public DatabaseUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** No valid API key came with the request. */
    public static final class Unauthorized extends LearnerGraphException {
        public Unauthorized(String message) {
            super(message);
        }
    }

    /** The caller may not do this: its key's role is too low, or the query would write. */
    public static final class Forbidden extends LearnerGraphException {
        public Forbidden(String message) {
            super(message);
        }
    }

    /** The work ran past its configured time limit and was stopped. */
    public static final class Timeout extends LearnerGraphException {
        public Timeout(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
