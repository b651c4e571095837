package io.learnergraph.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** User-to-course learning events and the relationship type each is stored as. */
public enum LearningType {
    VIEW("VIEWED"), ENROLL("ENROLLED"), PROGRESS("PROGRESSED"), COMPLETE("COMPLETED"), RATE("RATED"),
    PURCHASE("PURCHASED");

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

    public static Optional<LearningType> parse(String key) {
        return Arrays.stream(values()).filter(t -> t.key().equals(key)).findFirst();
    }

    public static String allowed() {
        return String.join(", ", Arrays.stream(values()).map(LearningType::key).toList());
    }
}
