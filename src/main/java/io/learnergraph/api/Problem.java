package io.learnergraph.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The body of every error response ({@code application/problem+json}, RFC 9457).
 *
 * @param parameter the offending request parameter or field, for validation errors
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String parameter, String instance) {

    public static final String MEDIA_TYPE = "application/problem+json";
}
