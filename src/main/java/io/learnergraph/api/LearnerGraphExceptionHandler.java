package io.learnergraph.api;

import io.learnergraph.LearnerGraphException;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

/** The one place our exceptions become HTTP statuses. */
@Produces
@Singleton
@Requires(classes = {LearnerGraphException.class, ExceptionHandler.class})
public class LearnerGraphExceptionHandler implements ExceptionHandler<LearnerGraphException, HttpResponse<?>> {

    private final ErrorResponseProcessor<?> processor;

    public LearnerGraphExceptionHandler(ErrorResponseProcessor<?> processor) {
        this.processor = processor;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, LearnerGraphException exception) {
        HttpStatus status = statusOf(exception);
        MutableHttpResponse<?> response = HttpResponse.status(status);
        if (exception instanceof LearnerGraphException.DatabaseUnavailable) {
            response.header("Retry-After", "5");
        }
        if (exception instanceof LearnerGraphException.Unauthorized) {
            response.header("WWW-Authenticate", "Bearer realm=\"learnergraph\"");
        }
        return processor.processResponse(ErrorContext.builder(request)
                .cause(exception)
                .errorMessage(exception.getMessage())
                .build(), response);
    }

    static HttpStatus statusOf(LearnerGraphException e) {
        if (e instanceof LearnerGraphException.InvalidInput) {
            return HttpStatus.BAD_REQUEST;
        } else if (e instanceof LearnerGraphException.NotFound) {
            return HttpStatus.NOT_FOUND;
        } else if (e instanceof LearnerGraphException.Conflict) {
            return HttpStatus.CONFLICT;
        } else if (e instanceof LearnerGraphException.DatabaseUnavailable) {
            return HttpStatus.SERVICE_UNAVAILABLE;
        } else if (e instanceof LearnerGraphException.Unauthorized) {
            return HttpStatus.UNAUTHORIZED;
        } else if (e instanceof LearnerGraphException.Forbidden) {
            return HttpStatus.FORBIDDEN;
        } else if (e instanceof LearnerGraphException.Timeout) {
            return HttpStatus.REQUEST_TIMEOUT;
        }
        return HttpStatus.INTERNAL_SERVER_ERROR;
    }
}
