package shanzhi.gateway.transport;

import java.util.Map;

import org.springframework.graphql.execution.DataFetcherExceptionResolverAdapter;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.stereotype.Component;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.AbortExecutionException;
import graphql.schema.DataFetchingEnvironment;
import shanzhi.api.BadUserInput;
import shanzhi.api.Forbidden;
import shanzhi.gateway.resilience.SourceUnavailable;
import shanzhi.api.ErrorCode;

/**
 * The API's own errors become GraphQL errors at the field's path with extensions.code:
 * BAD_USER_INPUT for bad input, FORBIDDEN for a field the caller's roles do not allow,
 * SOURCE_UNAVAILABLE (with extensions.source) for a field whose department's store is down,
 * CANCELLED for a field still pending when its request was cancelled (not logged). Anything else
 * is INTERNAL with the request id only (see {@link InternalErrors}): this resolver runs before
 * DGS's fallback, which would show the exception's class and message.
 */
@Component
public class ApiErrorResolver extends DataFetcherExceptionResolverAdapter {

    @Override
    protected GraphQLError resolveToSingleError(Throwable ex, DataFetchingEnvironment env) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof BadUserInput) {
                return error(env, cause, ErrorType.BAD_REQUEST, ErrorCode.BAD_USER_INPUT);
            }
            if (cause instanceof Forbidden) {
                return error(env, cause, ErrorType.FORBIDDEN, ErrorCode.FORBIDDEN);
            }
            if (cause instanceof AbortExecutionException) {
                // The client went away or the request was stopped: expected, not a fault, so no
                // stack trace per pending field (DGS's fallback handler logged one each at ERROR,
                // thousands a second when clients time out under overload).
                return error(env, cause, ErrorType.INTERNAL_ERROR, ErrorCode.CANCELLED);
            }
            if (cause instanceof SourceUnavailable unavailable) {
                // The message names the department and why, never the store's address or SQL.
                return GraphqlErrorBuilder.newError(env)
                        .errorType(ErrorType.INTERNAL_ERROR)
                        .message(unavailable.getMessage())
                        .extensions(Map.of("code", ErrorCode.SOURCE_UNAVAILABLE.name(), "source", unavailable.department().key()))
                        .build();
            }
        }
        return InternalErrors.of(ex, env);
    }

    private static GraphQLError error(DataFetchingEnvironment env, Throwable cause, ErrorType type, ErrorCode code) {
        return GraphqlErrorBuilder.newError(env)
                .errorType(type)
                .message(cause.getMessage())
                .extensions(Map.of("code", code.name()))
                .build();
    }
}
