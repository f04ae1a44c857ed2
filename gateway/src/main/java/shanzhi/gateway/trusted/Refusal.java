package shanzhi.gateway.trusted;

import java.util.Map;

import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.support.DefaultExecutionGraphQlResponse;

import graphql.ExecutionResult;
import graphql.GraphqlErrorBuilder;
import reactor.core.publisher.Mono;

/**
 * A GraphQL response carrying one request-level error and no data: the request is answered
 * without executing anything. The codes are the ones Apollo clients act on.
 */
public record Refusal(String code, ErrorType classification, String message) {
    public static final String PERSISTED_QUERY_NOT_FOUND = "PERSISTED_QUERY_NOT_FOUND";
    public static final String TRUSTED_DOCUMENT_REQUIRED = "TRUSTED_DOCUMENT_REQUIRED";
    public static final String BAD_REQUEST = "BAD_REQUEST";
    public static final String PERSISTED_DOCUMENTS_UNAVAILABLE = "PERSISTED_DOCUMENTS_UNAVAILABLE";

    public static Refusal persistedQueryNotFound() {
        // Apollo Link and Apollo Kotlin re-send the full document when they see this message/code.
        return new Refusal(PERSISTED_QUERY_NOT_FOUND, ErrorType.NOT_FOUND, "PersistedQueryNotFound");
    }

    public static Refusal trustedDocumentRequired() {
        return new Refusal(TRUSTED_DOCUMENT_REQUIRED, ErrorType.FORBIDDEN, "This caller may only run documents an operator "
                + "registered as trusted; send the registered document's sha256Hash in extensions.persistedQuery");
    }

    /** Redis cannot be asked for the document (down, hung, or its breaker open); sending the document itself works. */
    public static Refusal documentsUnavailable() {
        return new Refusal(PERSISTED_DOCUMENTS_UNAVAILABLE, ErrorType.INTERNAL_ERROR,
                "Persisted documents cannot be looked up right now; retry later or send the document text");
    }

    public static Refusal badRequest(String message) {
        return new Refusal(BAD_REQUEST, ErrorType.BAD_REQUEST, message);
    }

    public Mono<WebGraphQlResponse> respond(WebGraphQlRequest request) {
        ExecutionResult result = ExecutionResult.newExecutionResult()
                .addError(GraphqlErrorBuilder.newError().errorType(classification).message(message).extensions(Map.of("code", code)).build())
                .build();
        return Mono.just(new WebGraphQlResponse(new DefaultExecutionGraphQlResponse(request.toExecutionInput(), result)));
    }
}
