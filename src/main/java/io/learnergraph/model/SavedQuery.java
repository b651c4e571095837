package io.learnergraph.model;

import java.util.List;

/** An analyst's saved query ({@code cypher/queries/<name>.cypher}) and its documented parameters. */
public record SavedQuery(String name, String description, List<Parameter> parameters, String cypher) {

    public record Parameter(String name, String type, boolean required, Object defaultValue, String description) {
    }
}
