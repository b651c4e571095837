package io.learnergraph.ingest;

import java.util.Map;

/** The outcome of validating one input row: the statement's parameters, or why it was rejected. */
public sealed interface RowValidation {

    record Accepted(Map<String, Object> row) implements RowValidation {
    }

    record Rejected(String reason) implements RowValidation {
    }
}
