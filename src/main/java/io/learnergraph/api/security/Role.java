package io.learnergraph.api.security;

import java.util.Locale;

/**
 * What an API key may do. {@code admin} may do everything; {@code analyst} and {@code service}
 * also read what {@code viewer} reads; {@code open} endpoints need no key.
 */
public enum Role {
    OPEN, VIEWER, SERVICE, ANALYST, ADMIN;

    /** True if a key with this role may call an endpoint that requires {@code required}. */
    public boolean grants(Role required) {
        return switch (required) {
            case OPEN -> true;
            case VIEWER -> this != OPEN;
            case SERVICE -> this == SERVICE || this == ADMIN;
            case ANALYST -> this == ANALYST || this == ADMIN;
            case ADMIN -> this == ADMIN;
        };
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
