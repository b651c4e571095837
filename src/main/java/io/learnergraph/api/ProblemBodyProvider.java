package io.learnergraph.api;

import io.learnergraph.LearnerGraphException;
import io.micronaut.context.annotation.Primary;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.JsonErrorResponseBodyProvider;
import jakarta.inject.Singleton;

import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Renders every error, ours and the framework's (unknown route, wrong method, malformed JSON,
 * oversized body, unsupported media type), as one problem body shape.
 */
@Primary
@Singleton
public class ProblemBodyProvider implements JsonErrorResponseBodyProvider<Problem> {

    @Override
    public Problem body(ErrorContext context, HttpResponse<?> response) {
        int status = response.code();
        String detail = context.getErrors().stream().map(Error::getMessage).filter(Objects::nonNull)
                .collect(Collectors.joining("; "));
        String parameter = context.getRootCause()
                .map(e -> e instanceof LearnerGraphException.InvalidInput i ? i.parameter()
                        : e instanceof LearnerGraphException.NotFound n ? n.parameter() : null)
                .orElseGet(() -> context.getErrors().stream().map(Error::getPath).flatMap(java.util.Optional::stream)
                        .findFirst().orElse(null));
        if (status >= 500 && context.getRootCause().isPresent()
                && !(context.getRootCause().get() instanceof LearnerGraphException)) {
            detail = "internal error; the server log has the details";
        }
        return new Problem("about:blank", response.reason(), status, detail.isEmpty() ? response.reason() : detail,
                parameter, context.getRequest().getPath());
    }

    @Override
    public String contentType() {
        return Problem.MEDIA_TYPE;
    }
}
