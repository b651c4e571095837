package io.learnergraph.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** User-to-user interactions and the relationship type each is stored as. */
public enum SocialType {
    COMMENT("COMMENTED"), REPLY("REPLIED"), LIKE("LIKED"), SHARE("SHARED"), TIP("TIPPED"),
    ANSWER("ANSWERED"), MENTION("MENTIONED");

    private final String relationshipType;

    SocialType(String relationshipType) {
        this.relationshipType = relationshipType;
    }

    public String relationshipType() {
        return relationshipType;
    }

    /** The name used in CSV files, the API and configuration ({@code comment}, {@code tip}...). */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<SocialType> parse(String key) {
        return Arrays.stream(values()).filter(t -> t.key().equals(key)).findFirst();
    }

    public static String allowed() {
        return String.join(", ", Arrays.stream(values()).map(SocialType::key).toList());
    }
}
