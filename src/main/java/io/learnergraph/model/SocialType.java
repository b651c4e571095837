package io.learnergraph.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** User-to-user interactions and the relationship type each is stored as. */
public enum SocialType {
    COMMENT("COMMENTED"), REPLY("REPLIED"), LIKE("LIKED"), SHARE("SHARED"), TIP("TIPPED"),
    ANSWER("ANSWERED"), MENTION("MENTIONED");

    private static final Map<String, SocialType> BY_KEY = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(SocialType::key, t -> t));

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

    /** The type of a CSV or API key; a map, since every event row asks. */
    public static Optional<SocialType> parse(String key) {
        return Optional.ofNullable(BY_KEY.get(key));
    }

    public static String allowed() {
        return String.join(", ", Arrays.stream(values()).map(SocialType::key).toList());
    }
}
