package shanzhi.gateway.observability;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;

import graphql.ErrorClassification;
import graphql.GraphQLError;
import graphql.language.SourceLocation;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import reactor.core.publisher.Mono;

/**
 * Puts the request's trace id in extensions.traceId of every GraphQL error, so that a client
 * reporting an error hands the operator the key to its trace and log lines. The id names a
 * trace, nothing about the caller.
 */
@Component
public class ErrorTraceIds implements WebGraphQlInterceptor, Ordered {
    public static final String EXTENSION = "traceId";
    private final Tracer tracer;

    public ErrorTraceIds(ObjectProvider<Tracer> tracer) {
        this.tracer = tracer.getIfAvailable(() -> Tracer.NOOP);
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        // handle, not map: Reactor restores the request's observation (so the tracer's current
        // span) around handle under limited context propagation.
        return chain.next(request).handle((response, sink) -> {
            Span span = response.getErrors().isEmpty() ? null : tracer.currentSpan();
            if (span == null) {
                sink.next(response);
                return;
            }
            String traceId = span.context().traceId();
            List<GraphQLError> traced = response.getExecutionResult().getErrors().stream()
                    .<GraphQLError>map(error -> new TracedError(error, traceId)).toList();
            sink.next(response.transform(result -> result.errors(traced)));
        });
    }

    /** First (outermost) interceptor: sees every error the others add on the way out. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    private record TracedError(GraphQLError error, String traceId) implements GraphQLError {
        @Override
        public String getMessage() {
            return error.getMessage();
        }

        @Override
        public List<SourceLocation> getLocations() {
            return error.getLocations();
        }

        @Override
        public ErrorClassification getErrorType() {
            return error.getErrorType();
        }

        @Override
        public List<Object> getPath() {
            return error.getPath();
        }

        @Override
        public Map<String, Object> getExtensions() {
            Map<String, Object> extensions = new LinkedHashMap<>();
            if (error.getExtensions() != null) {
                extensions.putAll(error.getExtensions());
            }
            extensions.put(EXTENSION, traceId);
            return extensions;
        }
    }
}
