package io.learnergraph.api;

import io.learnergraph.api.security.Access;
import io.learnergraph.api.security.ApiKeyFilter;
import io.learnergraph.api.security.Role;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.serde.annotation.Serdeable;

import java.util.Arrays;
import java.util.List;

/** What the presented API key may do, so that a client (the explorer) shows only what it allows. */
@Access(Role.VIEWER)
@Controller("/api/session")
public class SessionController {

    /**
     * @param role   the key's role ({@code admin} when keys are disabled)
     * @param grants every role whose endpoints the key may call
     */
    @Serdeable
    public record Session(String role, List<String> grants, boolean keysEnabled) {
    }

    @Get
    public Session session(HttpRequest<?> request) {
        Role role = request.getAttribute(ApiKeyFilter.ROLE, Role.class).orElse(null);
        Role effective = role == null ? Role.ADMIN : role;
        return new Session(effective.key(), Arrays.stream(Role.values()).filter(r -> r != Role.OPEN && effective.grants(r))
                .map(Role::key).toList(), role != null);
    }
}
