package shanzhi.gateway.transport;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import graphql.ErrorType;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.ExecutionId;
import graphql.schema.DataFetchingEnvironment;

import shanzhi.api.ErrorCode;
import shanzhi.gateway.observability.RequestThreadLocals;

/**
 * A field's failure that is none of the API's own errors. DGS's default handler, which would
 * otherwise answer it, puts the exception's class and message into the error: for a driver error
 * that is the SQL statement and Java class names. The client gets extensions.code INTERNAL with
 * the request id and nothing else; the log gets the exception, its stack and the same request id,
 * so an operator finds one from the other.
 */
final class InternalErrors {
    private static final Logger log = LoggerFactory.getLogger(InternalErrors.class);

    private InternalErrors() {
    }

    static GraphQLError of(Throwable exception, DataFetchingEnvironment env) {
        String requestId = requestId(env);
        try (var traced = RequestThreadLocals.from(env.getGraphQlContext())) {
            log.error("Internal error at {} in request {}", env.getExecutionStepInfo() == null ? "?"
                    : env.getExecutionStepInfo().getPath(), requestId, exception);
        }
        return GraphqlErrorBuilder.newError(env)
                .errorType(ErrorType.DataFetchingException)
                .message("Internal error (request id " + requestId + ")")
                .extensions(Map.of("code", ErrorCode.INTERNAL.name(), "requestId", requestId))
                .build();
    }

    private static String requestId(DataFetchingEnvironment env) {
        ExecutionId id = env.getExecutionId();
        return id == null ? "unknown" : id.toString();
    }
}
