package shanzhi.gateway.trusted;

import java.util.Map;

import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.support.DefaultExecutionGraphQlResponse;

import graphql.ExecutionResult;
import graphql.GraphqlErrorBuilder;
import reactor.core.publisher.Mono;

import shanzhi.api.ErrorCode;

/**
 * A GraphQL response carrying one request-level error and no data: the request is answered
 * without executing anything. The codes are the ones Apollo clients act on.
 */
public record Refusal(ErrorCode code, ErrorType classification, String message) {

    public static Refusal persistedQueryNotFound() {
        // Apollo Link and Apollo Kotlin re-send the full document when they see this message/code.
        return new Refusal(ErrorCode.PERSISTED_QUERY_NOT_FOUND, ErrorType.NOT_FOUND, "PersistedQueryNotFound");
    }

    public static Refusal trustedDocumentRequired() {
        return new Refusal(ErrorCode.TRUSTED_DOCUMENT_REQUIRED, ErrorType.FORBIDDEN, "This caller may only run documents an operator "
                + "registered as trusted; send the registered document's sha256Hash in extensions.persistedQuery");
    }

    /** Redis cannot be asked for the document (down, hung, or its breaker open); sending the document itself works. */
    public static Refusal documentsUnavailable() {
        return new Refusal(ErrorCode.PERSISTED_DOCUMENTS_UNAVAILABLE, ErrorType.INTERNAL_ERROR,
                "Persisted documents cannot be looked up right now; retry later or send the document text");
    }

    public static Refusal badRequest(String message) {
        return new Refusal(ErrorCode.BAD_REQUEST, ErrorType.BAD_REQUEST, message);
    }

    public Mono<WebGraphQlResponse> respond(WebGraphQlRequest request) {
        ExecutionResult result = ExecutionResult.newExecutionResult()
                .addError(GraphqlErrorBuilder.newError().errorType(classification).message(message).extensions(Map.of("code", code.name())).build())
                .build();
        return Mono.just(new WebGraphQlResponse(new DefaultExecutionGraphQlResponse(request.toExecutionInput(), result)));
    }
}
