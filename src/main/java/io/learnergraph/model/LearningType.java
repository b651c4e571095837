package io.learnergraph.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** User-to-course learning events and the relationship type each is stored as. */
public enum LearningType {
    VIEW("VIEWED"), ENROLL("ENROLLED"), PROGRESS("PROGRESSED"), COMPLETE("COMPLETED"), RATE("RATED"),
    PURCHASE("PURCHASED");

    private static final Map<String, LearningType> BY_KEY = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(LearningType::key, t -> t));

    private final String relationshipType;

    LearningType(String relationshipType) {
        this.relationshipType = relationshipType;
    }

    public String relationshipType() {
        return relationshipType;
    }

    /** The name used in CSV files, the API and configuration ({@code view}, {@code enroll}...). */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The type of a CSV or API key; a map, since every event row asks. */
    public static Optional<LearningType> parse(String key) {
        return Optional.ofNullable(BY_KEY.get(key));
    }

    public static String allowed() {
        return String.join(", ", Arrays.stream(values()).map(LearningType::key).toList());
    }
}
