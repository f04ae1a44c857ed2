package shanzhi.gateway.transport;

import java.util.Map;

import org.springframework.graphql.execution.DataFetcherExceptionResolverAdapter;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.stereotype.Component;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.schema.DataFetchingEnvironment;
import shanzhi.api.BadUserInput;

/** BadUserInput becomes an error at the field's path with extensions.code BAD_USER_INPUT. */
@Component
public class BadUserInputResolver extends DataFetcherExceptionResolverAdapter {

    @Override
    protected GraphQLError resolveToSingleError(Throwable ex, DataFetchingEnvironment env) {
        Throwable cause = ex;
        while (cause != null && !(cause instanceof BadUserInput)) {
            cause = cause.getCause();
        }
        if (cause == null) {
            return null;
        }
        return GraphqlErrorBuilder.newError(env)
                .errorType(ErrorType.BAD_REQUEST)
                .message(cause.getMessage())
                .extensions(Map.of("code", "BAD_USER_INPUT"))
                .build();
    }
}
