package io.learnergraph.api;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeIn;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.annotations.security.SecuritySchemes;

/**
 * The OpenAPI document's header; micronaut-openapi generates the rest from the controllers at
 * compile time. Served at /swagger/learnergraph-0.1.yml with a browsable UI at /swagger-ui.
 */
@OpenAPIDefinition(info = @Info(title = "LearnerGraph", version = "0.1",
        description = "Graph analytics for online-learning platforms: communities, influencers, recommendations "
                + "with explanations, read-only Cypher. Every error is application/problem+json."),
        security = {@SecurityRequirement(name = "bearer"), @SecurityRequirement(name = "apiKey")})
@SecuritySchemes({
        @SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer",
                description = "Authorization: Bearer <key>; roles viewer, service, analyst, admin"),
        @SecurityScheme(name = "apiKey", type = SecuritySchemeType.APIKEY, in = SecuritySchemeIn.HEADER,
                paramName = "X-API-Key")})
public final class ApiDocumentation {

    private ApiDocumentation() {
    }
}
