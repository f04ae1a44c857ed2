package shanzhi.gateway.limits;

import java.util.Map;

import graphql.ErrorType;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;

/**
 * One limit a request went over, with what was measured. It becomes an error without a path
 * (the request as a whole is refused) whose message names the measure, the value, the limit and
 * its property, and whose extensions carry the same for programs.
 */
public record LimitExceeded(Limit limit, long measured, long maximum) {

    public String message() {
        String text = String.format("%s %d%s exceeds the limit of %d%s (%s)", limit.measure(), measured,
                limit.unit(), maximum, limit.unit(), limit.property());
        return switch (limit) {
            case COST -> text + "; ask for smaller pages (first) or fewer nested lists";
            case REQUEST_TIME -> text + "; the request was cancelled";
            default -> text;
        };
    }

    public GraphQLError toError() {
        return GraphqlErrorBuilder.newError()
                .errorType(limit == Limit.REQUEST_TIME ? ErrorType.ExecutionAborted : ErrorType.ValidationError)
                .message(message())
                .extensions(Map.of("code", limit.code(), "limit", limit.property(), "maximum", maximum,
                        "measured", measured))
                .build();
    }
}
