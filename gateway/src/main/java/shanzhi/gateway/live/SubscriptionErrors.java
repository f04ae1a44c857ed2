package shanzhi.gateway.live;

import java.util.Map;

import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.execution.SubscriptionExceptionResolverAdapter;
import org.springframework.stereotype.Component;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import shanzhi.api.BadUserInput;
import shanzhi.api.Forbidden;
import shanzhi.api.SubscriptionEnded;
import shanzhi.api.ErrorCode;

/**
 * An error that ends a subscription after it started (an unknown region, an expired token, a
 * subscriber too slow) becomes the GraphQL error the client gets as graphql-ws "error" message or
 * as the SSE stream's last "next", with the same extensions.code a query would carry.
 */
@Component
public class SubscriptionErrors extends SubscriptionExceptionResolverAdapter {

    @Override
    protected GraphQLError resolveToSingleError(Throwable ex) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof BadUserInput) {
                return error(cause, ErrorType.BAD_REQUEST, ErrorCode.BAD_USER_INPUT);
            }
            if (cause instanceof Forbidden) {
                return error(cause, ErrorType.FORBIDDEN, ErrorCode.FORBIDDEN);
            }
            if (cause instanceof SubscriptionEnded ended) {
                ErrorType type = ended.code() == ErrorCode.TOKEN_EXPIRED ? ErrorType.UNAUTHORIZED
                        : ErrorType.INTERNAL_ERROR;
                return error(cause, type, ended.code());
            }
        }
        return null;
    }

    private static GraphQLError error(Throwable cause, ErrorType type, ErrorCode code) {
        return GraphqlErrorBuilder.newError().errorType(type).message(cause.getMessage())
                .extensions(Map.of("code", code.name())).build();
    }
}
