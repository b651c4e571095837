package io.learnergraph.api.security;

import io.learnergraph.LearnerGraphException;
import io.learnergraph.api.LearnerGraphExceptionHandler;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.RouteMatch;

import java.util.Optional;

/**
 * Checks the API key of every request under {@code /api} against the role its endpoint needs
 * ({@link Access}; none means admin). Missing or unknown key: 401; too low a role: 403; both as
 * problem bodies. Requests that match no route pass through to their 404 or 405.
 */
@ServerFilter("/api/**")
public class ApiKeyFilter {

    /** The request attribute holding the {@link Role} of the key that was presented and accepted. */
    public static final String ROLE = "learnergraph.role";

    private final ApiKeys keys;
    private final LearnerGraphExceptionHandler errors;

    public ApiKeyFilter(ApiKeys keys, LearnerGraphExceptionHandler errors) {
        this.keys = keys;
        this.errors = errors;
    }

    @RequestFilter
    @Nullable
    public HttpResponse<?> authorize(HttpRequest<?> request) {
        if (!keys.enabled()) {
            return null;
        }
        Optional<RouteMatch<?>> route = RouteAttributes.getRouteMatch(request);
        if (route.isEmpty()) {
            return null;
        }
        Role required = route.get().getAnnotationMetadata().enumValue(Access.class, Role.class).orElse(Role.ADMIN);
        if (required == Role.OPEN) {
            return null;
        }
        String presented = presentedKey(request);
        if (presented == null) {
            return errors.handle(request, new LearnerGraphException.Unauthorized(
                    "an API key is required: send 'Authorization: Bearer <key>' or 'X-API-Key: <key>'"));
        }
        Optional<Role> role = keys.roleOf(presented);
        if (role.isEmpty()) {
            return errors.handle(request, new LearnerGraphException.Unauthorized("the API key is not valid"));
        }
        request.setAttribute(ROLE, role.get());
        if (!role.get().grants(required)) {
            return errors.handle(request, new LearnerGraphException.Forbidden("this endpoint needs the '"
                    + required.key() + "' role (or admin); the key has '" + role.get().key() + "'"));
        }
        return null;
    }

    private static String presentedKey(HttpRequest<?> request) {
        String auth = request.getHeaders().get("Authorization");
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) && !auth.substring(7).isBlank()) {
            return auth.substring(7).strip();
        }
        String header = request.getHeaders().get("X-API-Key");
        return header == null || header.isBlank() ? null : header.strip();
    }
}
